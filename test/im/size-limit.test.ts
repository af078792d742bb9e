import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/ipc';
import { UserAgent } from '../../main/sip/ua';
import { startEngine } from './engines';

const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

/** A peer on one port number for every transport it takes, as a SIP URI without transport implies (RFC 3263 §4.2). */
async function peer(transports: ('udp' | 'tcp')[]): Promise<{ ua: UserAgent; got: { transport: string; size: number }[] }> {
  const port = 41000 + Math.floor(Math.random() * 8000);
  const ua = await UserAgent.start({ listen: transports.map((transport) => ({ transport, host: '127.0.0.1', port })), user: 'bob', product: 'test' });
  agents.push(ua);
  const got: { transport: string; size: number }[] = [];
  ua.handle('MESSAGE', (request, tx, context) => {
    got.push({ transport: context.source.transport, size: request.body.length });
    ua.respond(tx, 200);
  });
  return { ua, got };
}

describe('MESSAGE size (RFC 3428 §7)', () => {
  it('carries a small body over UDP and a body over 1300 bytes over TCP', async () => {
    const alice = await startEngine('alice', { transports: ['udp', 'tcp'] });
    const bob = await peer(['udp', 'tcp']);
    const port = bob.ua.listening[0]!.port;
    const to = `sip:bob@127.0.0.1:${port}`;
    expect(await alice.call('chat:send', { to, body: 'short' })).toMatchObject({ state: 'delivered' });
    expect(await alice.call('chat:send', { to, body: 'y'.repeat(1500) })).toMatchObject({ state: 'delivered' });
    expect(bob.got).toEqual([
      { transport: 'udp', size: 5 },
      { transport: 'tcp', size: 1500 },
    ]);
  });

  it('fails a large body with a clear reason when the peer takes no TCP, instead of queueing it', async () => {
    const alice = await startEngine('alice', { transports: ['udp', 'tcp'] });
    const bob = await peer(['udp']);
    const to = `sip:bob@127.0.0.1:${bob.ua.listening[0]!.port}`;
    const m = (await alice.call('chat:send', { to, body: 'z'.repeat(1500) })) as ChatMessage;
    expect(bob.got).toEqual([]);
    expect(m.state).toBe('failed');
    expect(m.reason).toMatch(/RFC 3428 §7/);
  });
});
