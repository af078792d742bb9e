import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/lib/clock';
import { ConnectError, TlsCertificateError, TlsIdentityError } from '../../../main/sip/transport/errors';
import { StreamConnection } from '../../../main/sip/transport/stream-connection';
import type { StreamListener } from '../../../main/sip/transport/stream-listener';
import { connectTcp, listenTcp } from '../../../main/sip/transport/tcp-transport';
import { connectTls, listenTls } from '../../../main/sip/transport/tls-transport';
import { UdpTransport } from '../../../main/sip/transport/udp-transport';
import { identity, testCa } from './tls-fixtures';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

function echoConnection(socket: net.Socket, transport: 'tcp' | 'tls'): StreamConnection {
  const c = new StreamConnection(socket, transport, false, {
    onData: (conn, chunk) => void conn.send(chunk),
    onClose: () => undefined,
  });
  closers.push(() => c.close());
  return c;
}

function collector(): { conn: (s: net.Socket, t: 'tcp' | 'tls') => StreamConnection; next: () => Promise<string> } {
  let buffer = '';
  let wake: (() => void) | undefined;
  return {
    conn(socket, transport) {
      const c = new StreamConnection(socket, transport, true, {
        onData: (_c, chunk) => {
          buffer += chunk.toString();
          wake?.();
        },
        onClose: () => undefined,
      });
      closers.push(() => c.close());
      return c;
    },
    next: () =>
      new Promise((resolve) => {
        const check = (): void => {
          if (buffer) {
            const out = buffer;
            buffer = '';
            resolve(out);
          } else wake = check;
        };
        check();
      }),
  };
}

describe.each(['127.0.0.1', '::1'])('sockets on %s', (host) => {
  it('UDP: binds port 0, reports the real port, round-trips a datagram', async () => {
    const got: string[] = [];
    const a = await UdpTransport.bind(host, 0, (data, remote, udp) => void udp.send(`echo ${data}`, remote.host, remote.port));
    closers.push(() => a.close());
    const done = new Promise<string>((resolve) => {
      void UdpTransport.bind(host, 0, (data) => resolve(data.toString())).then((b) => {
        closers.push(() => b.close());
        void b.send('hello', a.local.host, a.local.port);
      });
    });
    expect(a.local.port).toBeGreaterThan(0);
    expect(a.local.host).toBe(host);
    got.push(await done);
    expect(got).toEqual(['echo hello']);
  });

  it('TCP: listens, connects, round-trips bytes; the port is free again after close', async () => {
    const listener = await listenTcp(host, 0, (s) => echoConnection(s, 'tcp'));
    const port = listener.local.port;
    const client = collector();
    const c = client.conn(await connectTcp({ host, port }, { clock: systemClock, timeoutMs: 2000 }), 'tcp');
    expect(c.remote).toEqual({ host, port });
    await c.send('ping me');
    expect(await client.next()).toBe('ping me');
    await listener.close();
    expect(c.closed || (await waitClosed(c))).toBe(true);
    const again = await listenTcp(host, port, () => undefined);
    expect(again.local.port).toBe(port);
    await again.close();
  });

  it('TCP: a refused connection rejects with ConnectError', async () => {
    const l = await listenTcp(host, 0, () => undefined);
    const port = l.local.port;
    await l.close();
    await expect(connectTcp({ host, port }, { clock: systemClock, timeoutMs: 2000 })).rejects.toBeInstanceOf(ConnectError);
  });

  it('TLS: handshakes with the test CA and round-trips bytes', async () => {
    const listener = await tlsListener(host, 'server');
    const client = collector();
    const socket = await connectTls({ host, port: listener.local.port }, { clock: systemClock, timeoutMs: 2000, serverName: host, tls: { ca: testCa() } });
    const c = client.conn(socket, 'tls');
    await c.send('secret');
    expect(await client.next()).toBe('secret');
  });
});

describe('TLS certificate checks', () => {
  it('uses SNI and RFC 5922 names: sip.litesip.test matches the server certificate', async () => {
    const listener = await tlsListener('127.0.0.1', 'server');
    const socket = await connectTls(
      { host: '127.0.0.1', port: listener.local.port },
      { clock: systemClock, timeoutMs: 2000, serverName: 'sip.litesip.test', tls: { ca: testCa() } },
    );
    expect(socket.servername).toBe('sip.litesip.test');
    socket.destroy();
  });

  it('fails a wrong-name certificate with TlsIdentityError', async () => {
    const listener = await tlsListener('127.0.0.1', 'wrong-name');
    const attempt = connectTls({ host: '127.0.0.1', port: listener.local.port }, { clock: systemClock, timeoutMs: 2000, serverName: 'sip.litesip.test', tls: { ca: testCa() } });
    await expect(attempt).rejects.toBeInstanceOf(TlsIdentityError);
    await expect(attempt).rejects.toThrow(/expected sip\.litesip\.test.*wrong\.litesip\.test/);
  });

  it('fails a wildcard certificate (RFC 5922 §7.2)', async () => {
    const listener = await tlsListener('127.0.0.1', 'wildcard');
    const attempt = connectTls({ host: '127.0.0.1', port: listener.local.port }, { clock: systemClock, timeoutMs: 2000, serverName: 'a.litesip.test', tls: { ca: testCa() } });
    await expect(attempt).rejects.toBeInstanceOf(TlsIdentityError);
  });

  it('fails a self-signed certificate with TlsCertificateError', async () => {
    const listener = await tlsListener('127.0.0.1', 'self-signed');
    const attempt = connectTls({ host: '127.0.0.1', port: listener.local.port }, { clock: systemClock, timeoutMs: 2000, serverName: 'localhost', tls: { ca: testCa() } });
    await expect(attempt).rejects.toBeInstanceOf(TlsCertificateError);
    await expect(attempt).rejects.toThrow(/self-signed/i);
  });

  it('fails a certificate from a CA not in the list', async () => {
    const listener = await tlsListener('127.0.0.1', 'server');
    const attempt = connectTls({ host: '127.0.0.1', port: listener.local.port }, { clock: systemClock, timeoutMs: 2000, serverName: 'localhost', tls: { ca: identity('self-signed').cert } });
    await expect(attempt).rejects.toBeInstanceOf(TlsCertificateError);
  });
});

async function tlsListener(host: string, name: Parameters<typeof identity>[0]): Promise<StreamListener> {
  const listener = await listenTls(host, 0, identity(name), (s) => echoConnection(s, 'tls'));
  closers.push(() => listener.close());
  return listener;
}

function waitClosed(c: StreamConnection): Promise<boolean> {
  return new Promise((resolve) => {
    const poll = (): void => (c.closed ? resolve(true) : void setTimeout(poll, 5));
    poll();
  });
}
