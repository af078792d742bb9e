import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/lib/clock';
import { PresenceFeature, type CallActivity } from '../../main/engine/presence-feature';
import { ClientSubscription, parsePidf, PIDF_TYPE } from '../../main/presence';
import { parseUri } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { openStore, type Store } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

const agents: UserAgent[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  for (const s of stores.splice(0)) s.close();
});

async function ua(user: string): Promise<UserAgent> {
  const a = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user, product: 'test' });
  agents.push(a);
  return a;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Call activity driven by the test, as the calls feature would drive it. */
class FakeCalls implements CallActivity {
  private listener: ((inCall: boolean) => void) | undefined;
  watchCalls(listener: (inCall: boolean) => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  set(inCall: boolean): void {
    this.listener?.(inCall);
  }
}

describe('on-the-phone during calls (RFC 4480 activity)', () => {
  it('shows watchers on-the-phone while a call lasts and the chosen state after, without changing what is kept', async () => {
    const bob = await ua('bob');
    const store = openStore(tempDir());
    stores.push(store);
    const calls = new FakeCalls();
    const feature = new PresenceFeature({ calls });
    feature.start({ ua: bob, store, clock: systemClock, identity: bob.localUri, emit: () => undefined });
    const alice = await ua('alice');
    store.contacts.addPendingWatcher(alice.localUri.replace(/;.*$/, ''));
    store.contacts.setAuthorization(alice.localUri.replace(/;.*$/, ''), 'allowed');
    const heard: string[] = [];
    const target = parseUri(bob.localUri);
    if (!target.ok) throw new Error('bad uri');
    const sub = new ClientSubscription(alice, systemClock, {
      target: target.value,
      event: 'presence',
      accept: [PIDF_TYPE],
      expires: 600,
      delegate: {
        notified: (_s, request) => {
          if (request.body.length > 0) {
            const p = parsePidf(request.body.toString());
            heard.push(`${p.status}${p.note ? ` ${p.note}` : ''}`);
          }
        },
        ended: () => undefined,
      },
    });
    try {
      const set = feature.handlers.get('presence:set-status')!;
      await set({ status: 'busy', note: 'writing' });
      await sub.start();
      await until(() => heard.length === 1);
      calls.set(true);
      await until(() => heard.length === 2);
      calls.set(false);
      await until(() => heard.length === 3);
      expect(heard).toEqual(['busy writing', 'on-the-phone writing', 'busy writing']);
      // What is kept is the user's choice, not the call.
      calls.set(true);
      await until(() => heard.length === 4);
      expect(JSON.parse(store.meta.get('presence') ?? '{}')).toEqual({ status: 'busy', note: 'writing' });
      // Someone who chose to look offline is not given away by a call.
      await set({ status: 'offline' });
      await until(() => heard.length === 5);
      calls.set(false);
      calls.set(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.slice(3)).toEqual(['on-the-phone writing', 'offline']);
    } finally {
      await sub.stop();
      await feature.stop();
    }
  });
});
