import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { Peer, rawRequest, rawTcp, until } from './layer-harness';

/** A deterministic stream of mutations of a valid request, plus plain random bytes. */
function* inputs(count: number): Generator<Buffer> {
  const valid = Buffer.from(rawRequest('SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK-fz', 'Content-Type: text/plain\r\n').replace('Content-Length: 0', 'Content-Length: 4') + 'body');
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      yield randomBytes(1 + rnd(600));
      continue;
    }
    const b = Buffer.from(valid);
    for (let k = 0; k < 1 + rnd(6); k++) b[rnd(b.length)] = rnd(256);
    yield i % 4 === 1 ? b.subarray(0, rnd(b.length)) : b;
  }
}

describe('garbage never crashes the transport', () => {
  it('survives mutated and random datagrams, then still serves a valid request', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const socket = dgram.createSocket('udp4');
    const port = bob.address('udp').port;
    let sent = 0;
    for (const input of inputs(400)) {
      await new Promise((resolve) => socket.send(input, port, '127.0.0.1', resolve));
      // Paced, so the kernel's receive buffer does not drop datagrams in the burst.
      if (++sent % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => socket.send(rawRequest('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-final'), port, '127.0.0.1', resolve));
    await until(() => bob.events.some((e) => e.type === 'request' && e.message.via[0]?.branch === 'z9hG4bK-final'), 5000);
    socket.close();
    // Some mutations leave a valid request; most are reported as malformed, with a reason.
    expect(bob.events.filter((e) => e.type === 'malformed').length).toBeGreaterThan(100);
    for (const e of bob.events) if (e.type === 'malformed') expect(e.error.reason.length).toBeGreaterThan(0);
  });

  it('survives garbage on streams: each stream is closed or carries on, and the listener still works', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const port = bob.address('tcp').port;
    let n = 0;
    for (const input of inputs(40)) {
      const tcp = await rawTcp('127.0.0.1', port);
      tcp.socket.write(input);
      if (++n % 2 === 0) tcp.socket.destroy();
    }
    const last = await rawTcp('127.0.0.1', port);
    last.socket.write(rawRequest('SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK-final'));
    await until(() => bob.events.some((e) => e.type === 'request' && e.message.via[0]?.branch === 'z9hG4bK-final'), 5000);
  });
});
