import { describe, expect, it } from 'vitest';
import { buildPidf, Notifier, PIDF_TYPE, type NotifierPackage } from '../../main/presence';
import { systemClock } from '../../main/lib/clock';
import { UserAgent } from '../../main/sip/ua';
import { startEngine } from '../im/engines';

describe('a buddy that sends a malformed PIDF', () => {
  it('is answered 400 with Retry-After, keeps the last good state and the subscription', async () => {
    const alice = await startEngine('alice');
    const buddy = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'buddy', product: 'test' });
    const answers: number[] = [];
    try {
      let document = buildPidf(buddy.localUri, 'busy', 'deep work');
      const notifier = new Notifier(buddy, systemClock);
      const pkg: NotifierPackage = {
        event: 'presence',
        bodyTypes: [PIDF_TYPE],
        defaultExpires: 3600,
        minExpires: 60,
        maxExpires: 3600,
        authorize: () => ({ state: 'active' }),
        body: () => ({ data: document, contentType: PIDF_TYPE }),
      };
      notifier.register(pkg);
      const send = buddy.send.bind(buddy);
      buddy.send = async (request, options) => {
        const result = await send(request, options);
        if (request.method === 'NOTIFY') answers.push(result.response.status);
        return result;
      };
      await alice.call('contacts:add', { uri: buddy.localUri });
      await alice.next('presence:buddy-changed', (p) => p.status === 'busy', 2000);
      document = '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple id="a"><status><basic>open</basic></status></presence>';
      await notifier.list('presence')[0]!.notify();
      expect(answers).toEqual([200, 400]);
      const state = (await alice.call('presence:get')) as { buddies: { uri: string; status: string; note: string }[] };
      expect(state.buddies[0]).toMatchObject({ status: 'busy', note: 'deep work', subscription: 'active' });
      // RFC 6665 §4.2.2: with Retry-After the failed NOTIFY does not end the subscription.
      expect(notifier.list('presence')).toHaveLength(1);
      document = buildPidf(buddy.localUri, 'away', 'back soon');
      await notifier.list('presence')[0]!.notify();
      await alice.next('presence:buddy-changed', (p) => p.status === 'away' && p.note === 'back soon', 1000);
    } finally {
      await buddy.close();
    }
  });
});
