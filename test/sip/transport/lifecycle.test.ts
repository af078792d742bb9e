import { describe, expect, it } from 'vitest';
import { ListenError, TransportLayer, type ListenSpec } from '../../../main/sip/transport';
import { VirtualClock } from '../../helpers/virtual-clock';
import { Peer, branch, rawRequest, rawTcp, request, until } from './layer-harness';
import { identity, testCa } from './tls-fixtures';

const delegate = { onRequest: () => undefined, onResponse: () => undefined };

describe('TransportLayer lifecycle', () => {
  it('reports the real bound addresses for every transport on IPv4 and IPv6', async () => {
    const specs: ListenSpec[] = (['udp', 'tcp', 'tls'] as const).flatMap((transport) => ['127.0.0.1', '::1'].map((host) => ({ transport, host, port: 0 })));
    const layer = await TransportLayer.start(specs, delegate, { tls: identity('server') });
    try {
      expect(layer.listening).toHaveLength(6);
      for (const a of layer.listening) expect(a.port).toBeGreaterThan(0);
      expect(layer.listening.map((a) => `${a.transport}:${a.host}`)).toEqual(specs.map((s) => `${s.transport}:${s.host}`));
    } finally {
      await layer.close();
    }
  });

  it('closes every socket and connection in well under 2 s, and the same ports bind again', async () => {
    const specs: ListenSpec[] = [
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
      { transport: 'tls', host: '127.0.0.1', port: 0 },
    ];
    const bob = await TransportLayer.start(specs, delegate, { tls: identity('server') });
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { tls: { ca: testCa() } });
    const bound = bob.listening;
    // Open connections in both directions, one left idle by a raw client.
    await alice.layer.sendRequest(request(), bound[1] as ListenSpec, branch());
    await alice.layer.sendRequest(request(), { ...(bound[2] as ListenSpec), serverName: 'localhost' }, branch());
    const idle = await rawTcp('127.0.0.1', (bound[1] as ListenSpec).port);
    await until(() => bob.connectionCount === 3);

    const started = performance.now();
    await bob.close();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(bob.connectionCount).toBe(0);
    await idle.closed;

    const again = await TransportLayer.start(bound, delegate, { tls: identity('server') });
    expect(again.listening).toEqual(bound);
    await again.close();
  });

  it('fails to start with ListenError when a port is taken, closing what it bound', async () => {
    const first = await TransportLayer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], delegate);
    const taken = first.listening[0] as ListenSpec;
    const udp = await TransportLayer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }], delegate);
    const udpPort = (udp.listening[0] as ListenSpec).port;
    await udp.close();
    const attempt = TransportLayer.start([{ transport: 'udp', host: '127.0.0.1', port: udpPort }, taken], delegate);
    await expect(attempt).rejects.toBeInstanceOf(ListenError);
    await expect(attempt).rejects.toThrow(/Cannot listen on tcp:127\.0\.0\.1/);
    // The UDP port it had bound was released.
    const retry = await TransportLayer.start([{ transport: 'udp', host: '127.0.0.1', port: udpPort }], delegate);
    await retry.close();
    await first.close();
  });

  it('gives UDP and TCP asked for any port one port number, so the URI reaches both (RFC 3261 §18.2.1)', async () => {
    const specs: ListenSpec[] = [
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
      { transport: 'udp', host: '::1', port: 0 },
      { transport: 'tcp', host: '::1', port: 0 },
    ];
    for (let i = 0; i < 5; i++) {
      const layer = await TransportLayer.start(specs, delegate);
      const [udp4, tcp4, udp6, tcp6] = layer.listening as [ListenSpec, ListenSpec, ListenSpec, ListenSpec];
      expect(tcp4.port).toBe(udp4.port);
      expect(tcp6.port).toBe(udp6.port);
      await layer.close();
    }
  });

  it('contains a delegate that throws', async () => {
    const errors: unknown[] = [];
    const bob = await TransportLayer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }], {
      onRequest: () => {
        throw new Error('bug upstairs');
      },
      onResponse: () => undefined,
    }, { onInternalError: (e) => errors.push(e) });
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request(), bob.listening[0] as ListenSpec, branch());
    await until(() => errors.length === 1);
    await bob.close();
  });
});

describe('TransportLayer close during a connect', () => {
  it('does not wait for a connection attempt that has not finished', async () => {
    // 192.0.2.0/24 (TEST-NET-1) is never routed: the connect would hang until its timeout.
    const alice = await TransportLayer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], delegate, { connectTimeoutMs: 30_000 });
    const attempt = alice.sendRequest(request(), { transport: 'tcp', host: '192.0.2.1', port: 5060 }, branch());
    attempt.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await alice.close();
    expect(performance.now() - started).toBeLessThan(1500);
    await expect(attempt).rejects.toBeDefined();
  });

  it('refuses a TLS listener without a certificate', async () => {
    await expect(TransportLayer.start([{ transport: 'tls', host: '127.0.0.1', port: 0 }], delegate)).rejects.toThrow(/needs a certificate/);
  });
});

describe('idle connections', () => {
  it('closes a connection idle past idleTimeoutMs, but not one kept alive (virtual time)', async () => {
    const clock = new VirtualClock();
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { clock, idleTimeoutMs: 60_000 });
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const carol = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request(), bob.address('tcp'), branch());
    const kept = await alice.layer.sendRequest(request('REGISTER'), carol.address('tcp'), branch());
    alice.layer.startKeepAlive({ flowToken: kept.flowToken }, { flowTimerSeconds: 1000 });
    expect(alice.layer.connectionCount).toBe(2);
    clock.advance(45_000);
    expect(alice.layer.connectionCount).toBe(2);
    clock.advance(30_000);
    await until(() => alice.layer.connectionCount === 1);
    await until(() => bob.layer.connectionCount === 0);
    expect(carol.layer.connectionCount).toBe(1);
  });
});

describe('connection limits', () => {
  it('refuses accepted connections beyond maxInboundConnections, and takes new ones when some close', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { maxInboundConnections: 2 });
    const port = bob.address('tcp').port;
    const a = await rawTcp('127.0.0.1', port);
    await rawTcp('127.0.0.1', port);
    await until(() => bob.layer.connectionCount === 2);
    const refused = await rawTcp('127.0.0.1', port);
    await refused.closed;
    expect(bob.layer.connectionCount).toBe(2);
    a.socket.destroy();
    await until(() => bob.layer.connectionCount === 1);
    const later = await rawTcp('127.0.0.1', port);
    later.socket.write(rawRequest('SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK-lim'));
    await bob.next('request');
  });
});
