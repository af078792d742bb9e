import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { startEngine } from '../im/engines';

async function exchange(port: number, text: string): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply')), 3000);
      socket.on('message', (m) => {
        const reply = m.toString();
        if (/^SIP\/2.0 1\d\d/.test(reply)) return;
        clearTimeout(timer);
        resolve(reply);
      });
      socket.send(Buffer.from(text.replace(/\r?\n/g, '\r\n')), port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}

function request(method: string, port: number, n: number, headers: string[], body = ''): string {
  const b = body.replace(/\r?\n/g, '\r\n');
  return [
    `${method} sip:bob@127.0.0.1:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-hostile-${n};rport`,
    'From: <sip:eve@127.0.0.1:9>;tag=eve',
    `To: <sip:bob@127.0.0.1:${port}>`,
    `Call-ID: hostile-${n}`,
    `CSeq: 1 ${method}`,
    'Max-Forwards: 70',
    ...headers,
    `Content-Length: ${Buffer.byteLength(b)}`,
    '',
    body,
  ].join('\n');
}

describe('hostile or broken requests get the RFC answer and the engine keeps working', () => {
  it('SUBSCRIBE without Contact, without Event, with a tiny Expires; MESSAGE with an unknown charset or no type', async () => {
    const bob = await startEngine('bob');
    const port = bob.engine.listening()[0]!.port;
    expect(await exchange(port, request('SUBSCRIBE', port, 1, ['Event: presence', 'Expires: 600']))).toMatch(/^SIP\/2.0 400/);
    expect(await exchange(port, request('SUBSCRIBE', port, 2, ['Contact: <sip:eve@127.0.0.1:9>']))).toMatch(/^SIP\/2.0 489[^]*Allow-Events: presence/);
    expect(await exchange(port, request('SUBSCRIBE', port, 3, ['Event: presence', 'Expires: 5', 'Contact: <sip:eve@127.0.0.1:9>']))).toMatch(/^SIP\/2.0 423[^]*Min-Expires: 60/);
    expect(await exchange(port, request('SUBSCRIBE', port, 4, ['Event: presence', 'Accept: text/html', 'Contact: <sip:eve@127.0.0.1:9>']))).toMatch(/^SIP\/2.0 406/);
    expect(await exchange(port, request('MESSAGE', port, 5, ['Content-Type: text/plain;charset=koi8-r'], 'x'))).toMatch(/^SIP\/2.0 415/);
    expect(await exchange(port, request('MESSAGE', port, 6, [], 'no type'))).toMatch(/^SIP\/2.0 400/);
    expect(await exchange(port, request('MESSAGE', port, 7, ['Content-Type: application/im-iscomposing+xml'], '<isComposing><state>'))).toMatch(/^SIP\/2.0 400/);
    expect(await exchange(port, request('MESSAGE', port, 8, ['Content-Type: message/cpim'], 'no blank line'))).toMatch(/^SIP\/2.0 400/);
    expect(await exchange(port, request('MESSAGE', port, 9, ['Content-Type: text/plain'], 'still fine'))).toMatch(/^SIP\/2.0 200/);
    expect((await bob.next('chat:message-received')).body).toBe('still fine');
  });
});
