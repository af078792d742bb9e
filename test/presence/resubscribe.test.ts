import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/lib/clock';
import { buildPidf, Notifier, PIDF_TYPE } from '../../main/presence';
import { UserAgent } from '../../main/sip/ua';
import { startEngine } from '../im/engines';

const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

/** A presence notifier that counts the initial SUBSCRIBEs it gets. */
async function buddy(): Promise<{ ua: UserAgent; notifier: Notifier; subscribes: () => number }> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'buddy', product: 'test' });
  agents.push(ua);
  const notifier = new Notifier(ua, systemClock);
  let count = 0;
  notifier.register({
    event: 'presence',
    bodyTypes: [PIDF_TYPE],
    defaultExpires: 3600,
    minExpires: 60,
    maxExpires: 3600,
    authorize: () => {
      count++;
      return { state: 'active' };
    },
    body: () => ({ data: buildPidf(ua.localUri, 'available', `try ${count}`), contentType: PIDF_TYPE }),
  });
  return { ua, notifier, subscribes: () => count };
}

describe('subscribing again after the notifier ended it (RFC 6665 §4.1.3)', () => {
  it('tries again after retry-after for probation, and never after rejected', async () => {
    const alice = await startEngine('alice');
    const b = await buddy();
    await alice.call('contacts:add', { uri: b.ua.localUri });
    await alice.next('presence:buddy-changed', (p) => p.note === 'try 1');
    await b.notifier.list('presence')[0]!.terminate('probation', 1);
    await alice.next('presence:buddy-changed', (p) => p.subscription === 'terminated');
    const ended = Date.now();
    await alice.next('presence:buddy-changed', (p) => p.note === 'try 2', 3000);
    // Not before the second the notifier asked for.
    expect(Date.now() - ended).toBeGreaterThanOrEqual(900);
    expect(b.subscribes()).toBe(2);

    await b.notifier.list('presence')[0]!.terminate('rejected');
    await new Promise((r) => setTimeout(r, 1500));
    expect(b.subscribes()).toBe(2);
    expect(alice.events.filter((e) => e.name === 'presence:buddy-changed').at(-1)?.payload).toMatchObject({ subscription: 'terminated', status: 'offline' });
  });
});
