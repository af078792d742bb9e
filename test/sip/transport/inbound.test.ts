import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { Peer, rawRequest, rawTcp, rawUdp, until } from './layer-harness';

async function udpSend(text: string | Buffer, port: number, from?: dgram.Socket): Promise<void> {
  const socket = from ?? dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.send(text, port, '127.0.0.1', () => resolve()));
  if (!from) socket.close();
}

describe('inbound datagrams (RFC 3261 §18.3, §18.2.1, RFC 3581 §4)', () => {
  it('adds received when the sent-by host is not the source', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await udpSend(rawRequest('SIP/2.0/UDP 10.1.2.3:5070;branch=z9hG4bK-a1'), bob.address('udp').port);
    const via = (await bob.next('request')).message.via[0];
    expect(via?.received).toBe('127.0.0.1');
    expect(via?.rport).toBeUndefined();
    expect(via?.host).toBe('10.1.2.3');
  });

  it('adds nothing when the sent-by host is the source and rport is absent', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await udpSend(rawRequest('SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-a2'), bob.address('udp').port);
    const { message } = await bob.next('request');
    expect(message.getHeader('via')).toBe('SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-a2');
  });

  it('fills an empty rport with the source port and adds received even when equal; keeps lower Vias', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const client = await rawUdp();
    const lower = 'SIP/2.0/UDP proxy.example.test;branch=z9hG4bK-lower;received=192.0.2.9';
    await udpSend(rawRequest(`SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK-a3, ${lower}`), bob.address('udp').port, client.socket);
    const { message } = await bob.next('request');
    expect(message.via[0]?.rport).toBe(client.port);
    expect(message.via[0]?.received).toBe('127.0.0.1');
    expect(message.getHeaders('via')[1]).toBe(lower);
  });

  it('reports a malformed request upward with the parse error, and keeps working', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const port = bob.address('udp').port;
    await udpSend(rawRequest('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-m1').replace('CSeq: 1 OPTIONS', 'CSeq: x OPTIONS'), port);
    const { error, source } = await bob.next('malformed');
    expect(error.status).toBe(400);
    expect(error.reason).toMatch(/cseq/i);
    expect(source.transport).toBe('udp');
    await udpSend(rawRequest('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-m2'), port);
    await bob.next('request');
  });

  it('drops garbage, malformed responses and responses that are not ours, without crashing', async () => {
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const port = bob.address('udp').port;
    const junk = [Buffer.from([0xff, 0x00, 0x13, 0x37]), Buffer.alloc(3000, 0x41), Buffer.from('\r\n\r\n'), Buffer.from('SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n')];
    junk.push(Buffer.from('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.9.9.9:5060;branch=z9hG4bK-x\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n'));
    for (const j of junk) await udpSend(j, port);
    await udpSend(rawRequest('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-after'), port);
    await bob.next('request');
    expect(bob.events.filter((e) => e.type === 'response' || e.type === 'request')).toHaveLength(0);
  });

  it('hands STUN binding requests to the delegate with a way to reply', async () => {
    const got: Buffer[] = [];
    const bob = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }], {}, {
      onStunDatagram: (data, _source, reply) => {
        got.push(data);
        void reply(Buffer.from('pong'));
      },
    });
    const stun = Buffer.alloc(20);
    stun.writeUInt16BE(0x0001, 0);
    stun.writeUInt32BE(0x2112a442, 4);
    const client = await rawUdp();
    await udpSend(stun, bob.address('udp').port, client.socket);
    expect(await client.next()).toBe('pong');
    expect(got).toHaveLength(1);
  });
});

describe('inbound streams (RFC 3261 §18.3, RFC 5626 §3.5.1)', () => {
  it('frames messages across chunk boundaries and several in one chunk', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    const one = rawRequest('SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-f1', 'Content-Type: text/plain\r\n').replace('Content-Length: 0', 'Content-Length: 5') + 'hello';
    for (const ch of one) {
      tcp.socket.write(ch);
      await new Promise((r) => setImmediate(r));
    }
    const first = await bob.next('request');
    expect(first.message.body.toString()).toBe('hello');
    tcp.socket.write(rawRequest('SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-f2') + rawRequest('SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-f3'));
    const a = await bob.next('request');
    const b = await bob.next('request');
    expect([a.message.via[0]?.branch, b.message.via[0]?.branch]).toEqual(['z9hG4bK-f2', 'z9hG4bK-f3']);
    expect(a.source.connectionId).toBe(first.source.connectionId);
  });

  it('answers a double-CRLF ping with a single-CRLF pong', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    tcp.socket.write('\r\n\r\n');
    await tcp.waitFor(/^\r\n$/);
    await new Promise((r) => setTimeout(r, 30));
    expect(tcp.text()).toBe('\r\n');
  });

  it('reports a malformed request on a stream and keeps the connection', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    tcp.socket.write(rawRequest('SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-s1').replace('From: ', 'From: <<<'));
    const { error } = await bob.next('malformed');
    expect(error.status).toBe(400);
    tcp.socket.write(rawRequest('SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-s2'));
    await bob.next('request');
    expect(tcp.socket.destroyed).toBe(false);
  });

  it('closes a stream that breaks the size limits', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { framer: { maxHeaderBytes: 1024 } });
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    tcp.socket.write(`OPTIONS sip:a@b SIP/2.0\r\nX-Big: ${'a'.repeat(4000)}\r\n`);
    await tcp.closed;
    await until(() => bob.layer.connectionCount === 0);
  });

  it('closes a stream whose message has no Content-Length', async () => {
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const tcp = await rawTcp('127.0.0.1', bob.address('tcp').port);
    tcp.socket.write(rawRequest('SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-n1').replace('Content-Length: 0\r\n', ''));
    await tcp.closed;
  });
});
