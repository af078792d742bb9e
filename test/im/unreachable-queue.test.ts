import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/ipc';
import { buildPidf, Notifier, PIDF_TYPE } from '../../main/presence';
import { systemClock } from '../../main/lib/clock';
import { UserAgent } from '../../main/sip/ua';
import { startEngine } from './engines';

describe('a buddy that cannot take messages for a while', () => {
  it('keeps a message refused with 480 queued and sends it on the buddy\'s next presence news', async () => {
    const alice = await startEngine('alice');
    const buddy = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'buddy', product: 'test' });
    try {
      let note = 'driving';
      let answer = 480;
      const bodies: string[] = [];
      buddy.handle('MESSAGE', (request, tx) => {
        bodies.push(request.body.toString());
        buddy.respond(tx, answer, answer === 480 ? { reason: 'Temporarily Unavailable' } : {});
      });
      const notifier = new Notifier(buddy, systemClock);
      notifier.register({
        event: 'presence',
        bodyTypes: [PIDF_TYPE],
        defaultExpires: 3600,
        minExpires: 60,
        maxExpires: 3600,
        authorize: () => ({ state: 'active' }),
        body: () => ({ data: buildPidf(buddy.localUri, 'busy', note), contentType: PIDF_TYPE }),
      });
      await alice.call('contacts:add', { uri: buddy.localUri });
      await alice.next('presence:buddy-changed', (p) => p.status === 'busy', 2000);
      const m = (await alice.call('chat:send', { to: buddy.localUri, body: 'call me' })) as ChatMessage;
      expect(m).toMatchObject({ state: 'queued', reason: '480 Temporarily Unavailable' });
      answer = 200;
      note = 'parked';
      await notifier.list('presence')[0]!.notify();
      await alice.next('chat:delivery-changed', (c) => c.id === m.id && c.state === 'delivered', 2000);
      expect(bodies).toEqual(['call me', 'call me']);
    } finally {
      await buddy.close();
    }
  });
});
