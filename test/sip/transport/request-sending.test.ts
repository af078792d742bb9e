import { describe, expect, it } from 'vitest';
import { NoTransportError, SendError } from '../../../main/sip/transport';
import { Peer, branch, request } from './layer-harness';

const big = 'x'.repeat(1400);

describe('RFC 3261 §18.1.1 size rule', () => {
  it('moves a request over 1300 bytes from UDP to TCP when a TCP transport exists', async () => {
    const alice = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    const bob = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    // Same port number on both transports is not guaranteed; send to Bob's UDP address as TCP would.
    const target = { transport: 'udp' as const, host: '127.0.0.1', port: bob.address('tcp').port };
    const sent = await alice.layer.sendRequest(request('MESSAGE', [], big), target, branch());
    expect(sent.transport).toBe('tcp');
    const { message, source } = await bob.next('request');
    expect(source.transport).toBe('tcp');
    expect(message.via[0]?.transport).toBe('TCP');
    expect(message.via[0]?.port).toBe(alice.address('tcp').port);
  });

  it('keeps a small request on UDP', async () => {
    const alice = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const sent = await alice.layer.sendRequest(request('MESSAGE', [], 'short'), bob.address('udp'), branch());
    expect(sent.transport).toBe('udp');
    expect((await bob.next('request')).source.transport).toBe('udp');
  });

  it('sends a large request on UDP when no TCP transport exists', async () => {
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request('MESSAGE', [], big), bob.address('udp'), branch());
    const { message } = await bob.next('request');
    expect(message.via[0]?.transport).toBe('UDP');
    expect(message.body.length).toBe(1400);
  });

  it('falls back to UDP when the TCP connection is refused', async () => {
    const alice = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const sent = await alice.layer.sendRequest(request('MESSAGE', [], big), bob.address('udp'), branch());
    expect(sent.transport).toBe('udp');
    expect((await bob.next('request')).message.via[0]?.transport).toBe('UDP');
  });

  it('moves a request within 200 bytes of a known path MTU', async () => {
    const both = [
      { transport: 'udp' as const, host: '127.0.0.1', port: 0 },
      { transport: 'tcp' as const, host: '127.0.0.1', port: 0 },
    ];
    const alice = await Peer.start(both, { pathMtu: 600 });
    const bob = await Peer.start(both);
    const sent = await alice.layer.sendRequest(request('MESSAGE', [], 'y'.repeat(200)), { transport: 'udp', host: '127.0.0.1', port: bob.address('tcp').port }, branch());
    expect(sent.transport).toBe('tcp');
  });
});

describe('send errors are values', () => {
  it('rejects with NoTransportError when no listener can reach the target', async () => {
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await expect(alice.layer.sendRequest(request(), { transport: 'udp', host: '::1', port: 5 }, branch())).rejects.toBeInstanceOf(NoTransportError);
  });

  it('rejects with ConnectError for a refused TCP connection', async () => {
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    await expect(alice.layer.sendRequest(request(), { transport: 'tcp', host: '127.0.0.1', port: 1 }, branch())).rejects.toMatchObject({ name: 'ConnectError' });
  });

  it('rejects when no branch is known, and after close', async () => {
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await expect(alice.layer.sendRequest(request(), { transport: 'udp', host: '127.0.0.1', port: 9 })).rejects.toBeInstanceOf(SendError);
    await alice.layer.close();
    await expect(alice.layer.sendRequest(request(), { transport: 'udp', host: '127.0.0.1', port: 9 }, branch())).rejects.toMatchObject({ name: 'TransportClosedError' });
  });

  it('serves the transaction layer: transportFor(t).send with reliable flags', async () => {
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    expect(alice.layer.transportFor('udp').reliable).toBe(false);
    expect(alice.layer.transportFor('tls').reliable).toBe(true);
    const r = request();
    r.prependHeader('Via', `SIP/2.0/UDP placeholder.invalid;branch=${branch()}`);
    await alice.layer.transportFor('udp').send(r, bob.address('udp'));
    const { message } = await bob.next('request');
    expect(message.via[0]?.host).toBe('127.0.0.1');
    expect(message.via).toHaveLength(1);
  });
});

describe('transport choice ahead of the transaction', () => {
  it('tells the TU which transport the size rule picks', async () => {
    const alice = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    const target = { transport: 'udp' as const, host: '127.0.0.1', port: 5 };
    expect(alice.layer.transportForRequest(request('MESSAGE', [], big), target, branch())).toBe('tcp');
    expect(alice.layer.transportForRequest(request('MESSAGE', [], 'hi'), target, branch())).toBe('udp');
    expect(alice.layer.transportForRequest(request(), { ...target, transport: 'tls' })).toBe('tls');
  });
});

describe('names as targets', () => {
  it('reaches a peer by host name over TCP and UDP, and reuses the TCP connection by that name', async () => {
    const alice = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    const bob = await Peer.start([
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
    await alice.layer.sendRequest(request(), { transport: 'tcp', host: 'localhost', port: bob.address('tcp').port }, branch());
    await alice.layer.sendRequest(request(), { transport: 'tcp', host: 'localhost', port: bob.address('tcp').port }, branch());
    expect(alice.layer.connectionCount).toBe(1);
    await alice.layer.sendRequest(request(), { transport: 'udp', host: 'localhost', port: bob.address('udp').port }, branch());
    const sources = [await bob.next('request'), await bob.next('request'), await bob.next('request')].map((e) => e.source.transport).sort();
    expect(sources).toEqual(['tcp', 'tcp', 'udp']);
  });
});
