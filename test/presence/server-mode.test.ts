import { afterEach, describe, expect, it } from 'vitest';
import { Communicator } from '../../main/engine';
import type { SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { tempDir } from '../helpers/temp-dir';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('server mode: an account configured', () => {
  it('publishes our PIDF to the address of record, updates it, removes it on stop, and sends MESSAGE from the AOR', async () => {
    const server = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'server', product: 'test' });
    cleanup.push(() => server.close());
    const seen: SipRequest[] = [];
    let tag = 0;
    server.handle('REGISTER', (request, tx) => server.respond(tx, 200, { headers: [['Contact', `${request.getHeader('Contact')};expires=300`]] }));
    server.handle('PUBLISH', (request, tx) => {
      seen.push(request);
      server.respond(tx, 200, { headers: [['SIP-ETag', `t${++tag}`], ['Expires', '3600']] });
    });
    server.handle('MESSAGE', (request, tx) => {
      seen.push(request);
      server.respond(tx, 200);
    });
    const aor = `sip:alice@127.0.0.1:${server.listening[0]!.port}`;
    const engine = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', accounts: [{ aor }] });
    await engine.start();
    cleanup.push(() => engine.stop());
    await until(() => seen.some((r) => r.method === 'PUBLISH'));
    const first = seen.find((r) => r.method === 'PUBLISH')!;
    expect(first.uri.port).toBe(server.listening[0]!.port);
    expect(first.getHeader('Event')).toBe('presence');
    expect(first.body.toString()).toContain(`entity="${aor}"`);
    expect(first.body.toString()).toContain('<basic>open</basic>');
    const r = await engine.request('presence:set-status', { status: 'away', note: 'coffee' });
    expect(r.ok).toBe(true);
    const update = seen.filter((x) => x.method === 'PUBLISH').at(-1)!;
    expect(update.getHeader('SIP-If-Match')).toBe('t1');
    expect(update.body.toString()).toContain('<rpid:away/>');
    const sent = await engine.request('chat:send', { to: aor.replace('alice', 'bob'), body: 'via the server' });
    expect(sent).toMatchObject({ ok: true, value: { state: 'delivered' } });
    expect(seen.find((x) => x.method === 'MESSAGE')!.from.uri.user).toBe('alice');
    expect(seen.find((x) => x.method === 'MESSAGE')!.getHeader('From')).toContain(aor);
    await engine.stop();
    const removal = seen.filter((x) => x.method === 'PUBLISH').at(-1)!;
    expect(removal.getHeader('Expires')).toBe('0');
    expect(removal.getHeader('SIP-If-Match')).toBe('t2');
  });
});
