import { afterEach, describe, expect, it } from 'vitest';
import type { BuddyPresence, PresenceStatus } from '../../shared/ipc';
import { BuddyList, buildPidf, Notifier, PIDF_TYPE } from '../../main/presence';
import { UserAgent } from '../../main/sip/ua';
import { VirtualClock } from '../helpers/virtual-clock';
import { ForkingProxy } from './forking-proxy';

const agents: UserAgent[] = [];
const proxies: ForkingProxy[] = [];
afterEach(async () => {
  await Promise.all([...agents.splice(0).map((a) => a.close()), ...proxies.splice(0).map((p) => p.close())]);
});

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One of bob's devices: a presence notifier showing `status` and `note`. */
async function device(status: PresenceStatus, note: string): Promise<{ ua: UserAgent; notifier: Notifier }> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'bob', product: 'test' });
  agents.push(ua);
  const notifier = new Notifier(ua, new VirtualClock());
  notifier.register({
    event: 'presence',
    bodyTypes: [PIDF_TYPE],
    defaultExpires: 3600,
    minExpires: 60,
    maxExpires: 3600,
    authorize: () => ({ state: 'active' }),
    body: () => ({ data: buildPidf('sip:bob@127.0.0.1', status, note), contentType: PIDF_TYPE }),
  });
  return { ua, notifier };
}

describe('a device of a forked subscription that went away', () => {
  it('is found again by a fresh SUBSCRIBE after the retry interval, and the old subscriptions are ended', async () => {
    const phone = await device('away', 'phone');
    const desk = await device('offline', 'desk');
    const proxy = await ForkingProxy.start(() => [phone.ua, desk.ua].map((d) => ({ host: '127.0.0.1', port: d.listening[0]!.port })));
    proxies.push(proxy);
    const alice = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', product: 'test' });
    agents.push(alice);
    const clock = new VirtualClock();
    const shown: BuddyPresence[] = [];
    const buddies = new BuddyList(alice, clock, { retrySeconds: 60, expires: 600 }, { changed: (p) => shown.push(p), badDocument: () => undefined });
    const bob = `sip:bob@127.0.0.1:${proxy.port}`;
    const last = (): string => `${shown.at(-1)?.status} ${shown.at(-1)?.note} ${shown.at(-1)?.subscription}`;
    buddies.watch(bob);
    await until(() => last() === 'away phone active' && desk.notifier.list('presence').length === 1);

    // The phone's presence agent ends (noresource): the desk carries the buddy.
    await phone.notifier.terminateAll('noresource');
    await until(() => last() === 'offline desk active');
    expect(proxy.forwardedRequests).toEqual(['SUBSCRIBE']);

    // The phone's agent is back; after the retry interval a new SUBSCRIBE forks to both again.
    clock.advance(59_000);
    expect(proxy.forwardedRequests).toEqual(['SUBSCRIBE']);
    clock.advance(1_000);
    await until(() => last() === 'away phone active');
    expect(proxy.forwardedRequests).toEqual(['SUBSCRIBE', 'SUBSCRIBE']);
    // The desk holds only the new subscription; the old one was unsubscribed.
    await until(() => desk.notifier.list('presence').length === 1 && phone.notifier.list('presence').length === 1);
    expect(shown.some((p) => p.subscription === 'terminated')).toBe(false);
    await buddies.stop();
  });
});
