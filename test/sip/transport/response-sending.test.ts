import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createErrorResponse, createResponse, parseMessage, SipResponse } from '../../../main/sip/message';
import { Peer, rawRequest, rawTcp, rawUdp, registerCloser, until } from './layer-harness';

/** Bob takes the next request and answers 200 by the §18.2.2 rules. */
async function answer(bob: Peer): Promise<void> {
  const { message, source } = await bob.next('request');
  await bob.layer.sendResponse(createResponse(message, 200), source);
}

function status(text: string): number | undefined {
  const r = parseMessage(Buffer.from(text));
  return r.ok && r.value instanceof SipResponse ? r.value.status : undefined;
}

describe('RFC 3261 §18.2.2 response routing on real sockets', () => {
  it('UDP with rport: to received:rport, from the socket the request came in on (RFC 3581 §4)', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const client = await rawUdp();
    client.socket.send(rawRequest('SIP/2.0/UDP 10.7.7.7:5099;rport;branch=z9hG4bK-r1'), bob.address('udp').port, '127.0.0.1');
    await answer(bob);
    expect(status(await client.next())).toBe(200);
  });

  it('UDP with rport over IPv6', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '::1', port: 0 }]);
    const client = await rawUdp('::1');
    client.socket.send(rawRequest('SIP/2.0/UDP [2001:db8::9]:5099;rport;branch=z9hG4bK-r1v6'), bob.address('udp').port, '::1');
    const { message, source } = await bob.next('request');
    expect(message.via[0]?.received?.replace(/[[\]]/g, '')).toBe('::1');
    await bob.layer.sendResponse(createResponse(message, 200), source);
    expect(status(await client.next())).toBe(200);
  });

  it('UDP with received but no rport: to received at the sent-by port', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const client = await rawUdp();
    const listener = await rawUdp();
    client.socket.send(rawRequest(`SIP/2.0/UDP 10.7.7.7:${listener.port};branch=z9hG4bK-r2`), bob.address('udp').port, '127.0.0.1');
    await answer(bob);
    expect(status(await listener.next())).toBe(200);
  });

  it('UDP without received: to the sent-by address', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const client = await rawUdp();
    const listener = await rawUdp();
    client.socket.send(rawRequest(`SIP/2.0/UDP 127.0.0.1:${listener.port};branch=z9hG4bK-r3`), bob.address('udp').port, '127.0.0.1');
    await answer(bob);
    expect(status(await listener.next())).toBe(200);
  });

  it('UDP with maddr: to maddr at the sent-by port', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const client = await rawUdp();
    const listener = await rawUdp();
    client.socket.send(rawRequest(`SIP/2.0/UDP 10.7.7.7:${listener.port};maddr=127.0.0.1;rport;branch=z9hG4bK-r4`), bob.address('udp').port, '127.0.0.1');
    await answer(bob);
    expect(status(await listener.next())).toBe(200);
  });

  it('TCP: on the connection the request came on', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    tcp.socket.write(rawRequest('SIP/2.0/TCP 10.7.7.7:5099;branch=z9hG4bK-r5'));
    await answer(bob);
    await tcp.waitFor(/SIP\/2\.0 200 OK/);
  });

  it('TCP after that connection closed: a new connection to received at the sent-by port', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const got: string[] = [];
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => {
      accepted.push(s);
      s.on('data', (d) => got.push(d.toString()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    registerCloser(() => new Promise((resolve) => (accepted.forEach((s) => s.destroy()), server.close(() => resolve()))));
    const port = (server.address() as net.AddressInfo).port;
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    tcp.socket.write(rawRequest(`SIP/2.0/TCP 10.7.7.7:${port};branch=z9hG4bK-r6`));
    const { message, source } = await bob.next('request');
    tcp.socket.destroy();
    await until(() => bob.layer.connectionCount === 0);
    await bob.layer.sendResponse(createResponse(message, 486), source);
    await until(() => got.join('').includes('SIP/2.0 486'));
  });

  it('rejects with a value when no route works', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { connectTimeoutMs: 500 });
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    const closed = await (async () => {
      const s = net.createServer();
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
      const p = (s.address() as net.AddressInfo).port;
      await new Promise((resolve) => s.close(resolve));
      return p;
    })();
    tcp.socket.write(rawRequest(`SIP/2.0/TCP 127.0.0.1:${closed};branch=z9hG4bK-r7`));
    const { message, source } = await bob.next('request');
    tcp.socket.destroy();
    await until(() => bob.layer.connectionCount === 0);
    await expect(bob.layer.sendResponse(createResponse(message, 200), source)).rejects.toMatchObject({ name: 'ConnectError' });
  });
});

describe('answering a malformed request', () => {
  it('a 400 built from the parse error reaches a client behind rport', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const client = await rawUdp();
    const bad = rawRequest('SIP/2.0/UDP 10.7.7.7:5099;rport;branch=z9hG4bK-bad').replace('CSeq: 1 OPTIONS', 'CSeq: one OPTIONS');
    client.socket.send(bad, bob.address('udp').port, '127.0.0.1');
    const { error, source } = await bob.next('malformed');
    const response = createErrorResponse(error);
    expect(response).toBeDefined();
    if (!response) return;
    await bob.layer.sendResponse(response, source);
    // The 400 carries the bad CSeq as it came, so it is matched as text, not parsed.
    const text = await client.next();
    expect(text).toMatch(/^SIP\/2\.0 400 .*CSeq/i);
  });
});

describe('RFC 3263 §5 for a sent-by name', () => {
  it('uses the injected resolver when received and the request connection both fail', async () => {
    const got: string[] = [];
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => {
      accepted.push(s);
      s.on('data', (d) => got.push(d.toString()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    registerCloser(() => new Promise((resolve) => (accepted.forEach((s) => s.destroy()), server.close(() => resolve()))));
    const live = (server.address() as net.AddressInfo).port;
    const asked: unknown[] = [];
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], {
      resolveSentBy: async (sentBy) => {
        asked.push(sentBy);
        return [{ transport: 'tcp', host: '127.0.0.1', port: live }];
      },
    });
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    // sent-by port 1: nothing listens there at the received address.
    tcp.socket.write(rawRequest('SIP/2.0/TCP sip.litesip.test:1;branch=z9hG4bK-srv'));
    const { message, source } = await bob.next('request');
    tcp.socket.destroy();
    await until(() => bob.layer.connectionCount === 0);
    await bob.layer.sendResponse(createResponse(message, 200), source);
    await until(() => got.join('').includes('SIP/2.0 200'));
    expect(asked).toEqual([{ transport: 'tcp', host: 'sip.litesip.test', port: 1 }]);
  });
});
