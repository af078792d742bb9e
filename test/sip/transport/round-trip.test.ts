import { describe, expect, it } from 'vitest';
import { createResponse } from '../../../main/sip/message';
import { InvalidFlowTokenError, TlsCertificateError, TlsIdentityError } from '../../../main/sip/transport';
import { Peer, branch, request, until } from './layer-harness';
import { identity, testCa } from './tls-fixtures';

describe.each(['127.0.0.1', '::1'])('round trips on %s', (host) => {
  it.each(['udp', 'tcp'] as const)('%s: request and response, Via stamped and received/rport filled', async (transport) => {
    const alice = await Peer.start([{ transport, host, port: 0 }]);
    const bob = await Peer.start([{ transport, host, port: 0 }]);
    const b = branch();
    const sent = await alice.layer.sendRequest(request(), bob.address(transport), b);
    expect(sent.transport).toBe(transport);

    const { message, source } = await bob.next('request');
    const via = message.via[0];
    expect(via?.transport).toBe(transport.toUpperCase());
    expect(via?.branch).toBe(b);
    expect(via?.port).toBe(alice.address(transport).port);
    // RFC 3581 §4: rport asked for, so received is added even though the host is the same.
    expect(via?.received?.replace(/[[\]]/g, '')).toBe(host);
    expect(via?.rport).toBe(source.port);
    expect(source.transport).toBe(transport);

    await bob.layer.sendResponse(createResponse(message, 200), source);
    const response = await alice.next('response');
    expect(response.message.status).toBe(200);
    expect(response.message.via[0]?.branch).toBe(b);
  });

  it('tls: request and response with the test CA', async () => {
    const bob = await Peer.start([{ transport: 'tls', host, port: 0 }], { tls: identity('server') });
    const alice = await Peer.start([{ transport: 'tls', host, port: 0 }], { tls: { ...identity('server'), ca: testCa() } });
    await alice.layer.sendRequest(request(), bob.address('tls'), branch());
    const { message, source } = await bob.next('request');
    expect(message.via[0]?.transport).toBe('TLS');
    await bob.layer.sendResponse(createResponse(message, 202), source);
    expect((await alice.next('response')).message.status).toBe(202);
    expect(alice.layer.connectionCount).toBe(1);
  });
});

describe('connection reuse', () => {
  it('sends every request to the same peer on one TCP connection, and responses on it', async () => {
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const sends = [1, 2, 3].map(() => alice.layer.sendRequest(request(), bob.address('tcp'), branch()));
    const sent = await Promise.all(sends);
    expect(new Set(sent.map((s) => s.connectionId)).size).toBe(1);
    for (let i = 0; i < 3; i++) {
      const { message, source } = await bob.next('request');
      await bob.layer.sendResponse(createResponse(message, 200), source);
      await alice.next('response');
    }
    expect(alice.layer.connectionCount).toBe(1);
    expect(bob.layer.connectionCount).toBe(1);
  });

  it('an in-dialog request back to the peer’s advertised address reuses its connection', async () => {
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const bob = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request('INVITE'), bob.address('tcp'), branch());
    await bob.next('request');
    // Bob sends to Alice's Contact (her listener), not to the connection's ephemeral port.
    const back = await bob.layer.sendRequest(request('BYE'), alice.address('tcp'), branch());
    expect(bob.layer.connectionCount).toBe(1);
    expect(alice.layer.connectionCount).toBe(1);
    const { source } = await alice.next('request');
    expect(source.connectionId).toBeDefined();
    expect(back.port).not.toBe(alice.address('tcp').port);
  });

  it('a flow token sends on exactly the flow a request came on (RFC 5626 §5.3)', async () => {
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const registrar = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request('REGISTER'), registrar.address('tcp'), branch());
    const { source } = await registrar.next('request');
    expect(registrar.layer.flowOf(source.flowToken)).toMatchObject({ transport: 'tcp', connectionId: source.connectionId });
    await registrar.layer.sendRequest(request('MESSAGE'), { transport: 'tcp', host: '192.0.2.1', port: 9, flowToken: source.flowToken }, branch());
    expect((await alice.next('request')).message.method).toBe('MESSAGE');
    expect(registrar.layer.connectionCount).toBe(1);
    await alice.layer.close();
    await until(() => registrar.layer.connectionCount === 0);
    await expect(
      registrar.layer.sendRequest(request('MESSAGE'), { transport: 'tcp', host: '127.0.0.1', port: 9, flowToken: source.flowToken }, branch()),
    ).rejects.toThrow(/flow .* has failed|closed/);
  });
});

describe('TLS identity through the layer', () => {
  it('connects to an IP with the SIP domain as serverName (SNI and RFC 5922 check)', async () => {
    const bob = await Peer.start([{ transport: 'tls', host: '127.0.0.1', port: 0 }], { tls: identity('server') });
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { tls: { ca: testCa() } });
    await alice.layer.sendRequest(request(), { ...bob.address('tls'), serverName: 'sip.litesip.test' }, branch());
    const { source } = await bob.next('request');
    expect(source.transport).toBe('tls');
  });
});

describe('TLS failures', () => {
  it.each([
    ['wrong-name', TlsIdentityError],
    ['self-signed', TlsCertificateError],
  ] as const)('a %s certificate fails the send with a clear error', async (name, kind) => {
    const bob = await Peer.start([{ transport: 'tls', host: '127.0.0.1', port: 0 }], { tls: identity(name) });
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }], { tls: { ca: testCa() } });
    const attempt = alice.layer.sendRequest(request(), { ...bob.address('tls'), serverName: 'sip.litesip.test' }, branch());
    await expect(attempt).rejects.toBeInstanceOf(kind);
    expect(alice.layer.connectionCount).toBe(0);
    expect(bob.events.filter((e) => e.type === 'request')).toHaveLength(0);
  });
});

describe('UDP flows (RFC 5626 §5.2)', () => {
  it('a flow token sends from the same socket to the same remote address', async () => {
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    const registrar = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request('REGISTER'), registrar.address('udp'), branch());
    const { source } = await registrar.next('request');
    const sent = await registrar.layer.sendRequest(request('MESSAGE'), { transport: 'udp', host: '192.0.2.1', port: 9, flowToken: source.flowToken }, branch());
    expect(sent).toMatchObject({ transport: 'udp', port: alice.address('udp').port });
    expect((await alice.next('request')).message.method).toBe('MESSAGE');
  });

  it('rejects a token that was altered or made elsewhere', async () => {
    const registrar = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }]);
    await expect(registrar.layer.sendRequest(request(), { transport: 'udp', host: '127.0.0.1', port: 9, flowToken: 'AAAAAAAAAAAAAAAAAAAAAAAA' }, branch())).rejects.toBeInstanceOf(
      InvalidFlowTokenError,
    );
  });
});

describe('TLS connection reuse', () => {
  it('does not reuse an accepted TLS connection for requests to the peer (RFC 5923 §5.2)', async () => {
    const certs = { ...identity('server'), ca: testCa() };
    const alice = await Peer.start([{ transport: 'tls', host: '127.0.0.1', port: 0 }], { tls: certs });
    const bob = await Peer.start([{ transport: 'tls', host: '127.0.0.1', port: 0 }], { tls: certs });
    await alice.layer.sendRequest(request('INVITE'), bob.address('tls'), branch());
    await bob.next('request');
    const back = await bob.layer.sendRequest(request('BYE'), alice.address('tls'), branch());
    expect(back.port).toBe(alice.address('tls').port);
    expect(bob.layer.connectionCount).toBe(2);
    await alice.next('request');
  });
});
