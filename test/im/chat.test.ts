import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationPage, DeliveryChange, PeerTyping } from '../../shared/ipc';
import { UserAgent } from '../../main/sip/ua';
import { startEngine, stopEngine } from './engines';

async function rawUdp(port: number, datagrams: string[]): Promise<string[]> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const replies: string[] = [];
  socket.on('message', (m) => replies.push(m.toString()));
  for (const d of datagrams) {
    socket.send(Buffer.from(d.replace(/\r?\n/g, '\r\n')), port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 150));
  }
  await new Promise((r) => setTimeout(r, 200));
  socket.close();
  return replies;
}

function rawMessage(port: number, branch: string, body: string, contentType = 'text/plain;charset=UTF-8'): string {
  return `MESSAGE sip:bob@127.0.0.1:${port} SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:9;branch=${branch};rport
From: <sip:carol@127.0.0.1:9>;tag=carol-1
To: <sip:bob@127.0.0.1:${port}>
Call-ID: dedupe-call-1
CSeq: 5 MESSAGE
Max-Forwards: 70
Content-Type: ${contentType}
Content-Length: ${Buffer.byteLength(body.replace(/\r?\n/g, '\r\n'))}

${body}`;
}

describe('chat between two engines (RFC 3428)', () => {
  it('delivers a message, reports sending → delivered, and files it on both sides', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    const received = bob.next('chat:message-received');
    const sent = (await alice.call('chat:send', { to: bob.uri, body: 'héllo bob ☕' })) as ChatMessage;
    expect(sent).toMatchObject({ state: 'delivered', direction: 'out', peer: bob.uri });
    expect((await received).body).toBe('héllo bob ☕');
    expect((await received).peer).toBe(alice.uri);
    const states = alice.events.filter((e) => e.name === 'chat:delivery-changed').map((e) => (e.payload as DeliveryChange).state);
    expect(states).toEqual(['sending', 'delivered']);
    const page = (await bob.call('chat:list', { peer: alice.uri })) as ConversationPage;
    expect(page.messages).toEqual([expect.objectContaining({ body: 'héllo bob ☕', direction: 'in', state: 'received' })]);
    expect(await bob.call('chat:mark-read', { peer: alice.uri })).toEqual({ marked: 1 });
  });

  it('marks a refused message failed with the response reason', async () => {
    const alice = await startEngine('alice');
    const busy = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'busy', product: 'test' });
    try {
      busy.handle('MESSAGE', (_r, tx) => busy.respond(tx, 486, { reason: 'Busy Here' }));
      const m = (await alice.call('chat:send', { to: busy.localUri, body: 'hi' })) as ChatMessage;
      expect(m).toMatchObject({ state: 'failed', reason: '486 Busy Here' });
    } finally {
      await busy.close();
    }
  });

  it('refuses a body too large for UDP when there is no TCP, and sends it over TCP when there is', async () => {
    const big = 'x'.repeat(2000);
    const udpOnly = await startEngine('alice');
    // One port number for both transports, as a URI without transport implies (RFC 3263 §4.2).
    const bob = await startEngine('bob', { transports: ['udp', 'tcp'], port: 41000 + Math.floor(Math.random() * 8000) });
    const failed = (await udpOnly.call('chat:send', { to: bob.uri, body: big })) as ChatMessage;
    expect(failed.state).toBe('failed');
    expect(failed.reason).toMatch(/too large for UDP.*RFC 3428 §7/);
    const both = await startEngine('carol', { transports: ['udp', 'tcp'] });
    const ok = (await both.call('chat:send', { to: bob.uri, body: big })) as ChatMessage;
    expect(ok.state).toBe('delivered');
    expect((await bob.next('chat:message-received', (m) => m.body === big)).body).toHaveLength(2000);
  });

  it('stores a retransmitted MESSAGE once, also when it comes again after a restart', async () => {
    const bob = await startEngine('bob');
    const port = bob.engine.listening()[0]!.port;
    const first = rawMessage(port, 'z9hG4bK-dup-1', 'only once');
    // The same bytes twice: the transaction answers the retransmission with the same 200.
    const replies = await rawUdp(port, [first, first]);
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r).toMatch(/^SIP\/2.0 200/);
    // After a restart no transaction remembers it; the store's Call-ID/CSeq/From-tag key does.
    const dataDir = bob.dataDir;
    await stopEngine(bob);
    const again = await startEngine('bob', { dataDir });
    const port2 = again.engine.listening()[0]!.port;
    const [late] = await rawUdp(port2, [rawMessage(port2, 'z9hG4bK-dup-2', 'only once')]);
    expect(late).toMatch(/^SIP\/2.0 200/);
    const page = (await again.call('chat:list', { peer: 'sip:carol@127.0.0.1:9' })) as ConversationPage;
    expect(page.messages.map((m) => m.body)).toEqual(['only once']);
    expect(again.events.filter((e) => e.name === 'chat:message-received')).toHaveLength(0);
  });

  it('reads message/cpim and answers 415 with Accept for a type it does not read', async () => {
    const bob = await startEngine('bob');
    const port = bob.engine.listening()[0]!.port;
    const cpim = 'From: <im:carol@example.com>\nTo: <im:bob@example.com>\nDateTime: 2026-01-01T00:00:00Z\n\nContent-Type: text/plain; charset=utf-8\n\nvia cpim';
    const [ok] = await rawUdp(port, [rawMessage(port, 'z9hG4bK-cpim-1', cpim, 'message/cpim')]);
    expect(ok).toMatch(/^SIP\/2.0 200/);
    expect((await bob.next('chat:message-received')).body).toBe('via cpim');
    const [r415] = await rawUdp(port, [rawMessage(port, 'z9hG4bK-html-1', '<b>x</b>', 'text/html').replace('CSeq: 5', 'CSeq: 6')]);
    expect(r415).toMatch(/^SIP\/2.0 415/);
    expect(r415).toMatch(/Accept: .*message\/cpim/);
  });

  it('carries is-composing: active while typing, idle when the message arrives (RFC 3994)', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    await alice.call('chat:typing', { to: bob.uri, active: true });
    await alice.call('chat:typing', { to: bob.uri, active: true });
    expect(await bob.next('chat:peer-typing')).toEqual<PeerTyping>({ peer: alice.uri, state: 'active' });
    await alice.call('chat:send', { to: bob.uri, body: 'done typing' });
    expect(await bob.next('chat:peer-typing', (t) => t.state === 'idle')).toEqual<PeerTyping>({ peer: alice.uri, state: 'idle' });
    // Two keystrokes within the refresh interval sent one active indication.
    expect(bob.events.filter((e) => e.name === 'chat:peer-typing')).toHaveLength(2);
  });

  it('keeps the history across an engine restart and pages it with a before-id cursor', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    for (let i = 1; i <= 3; i++) await alice.call('chat:send', { to: bob.uri, body: `m${i}` });
    const dataDir = alice.dataDir;
    await stopEngine(alice);
    const again = await startEngine('alice', { dataDir });
    const first = (await again.call('chat:list', { peer: bob.uri, limit: 2 })) as ConversationPage;
    expect(first.messages.map((m) => m.body)).toEqual(['m3', 'm2']);
    const second = (await again.call('chat:list', { peer: bob.uri, limit: 2, beforeId: first.nextBeforeId })) as ConversationPage;
    expect(second).toEqual({ messages: [expect.objectContaining({ body: 'm1', state: 'delivered' })] });
  });

  it('refuses bad requests with error values', async () => {
    const alice = await startEngine('alice');
    const r = await alice.engine.request('chat:send', { to: 'mailto:x@y', body: 'hi' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const empty = await alice.engine.request('chat:send', { to: 'sip:bob@127.0.0.1', body: '' });
    expect(empty.ok).toBe(false);
  });
});
