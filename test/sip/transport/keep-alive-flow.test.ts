import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { FlowFailedError } from '../../../main/sip/transport';
import { VirtualClock } from '../../helpers/virtual-clock';
import { Peer, branch, registerCloser, request, until } from './layer-harness';

describe('RFC 5626 §4.4.1 CRLF keep-alive on a real flow (virtual time)', () => {
  it('pings at 80-100% of the interval, the server pongs, and the flow stays up', async () => {
    const clock = new VirtualClock();
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { clock });
    const registrar = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const sent = await alice.layer.sendRequest(request('REGISTER'), registrar.address('tcp'), branch());
    await registrar.next('request');
    const ka = alice.layer.startKeepAlive({ connectionId: sent.connectionId as number }, { flowTimerSeconds: 30, random: () => 0.5 });
    for (let i = 0; i < 3; i++) {
      // 80% + 0.5 * 20% of 30 s: one ping per step.
      clock.advance(27_000);
      expect(ka.pingsSent).toBe(i + 1);
      // Real time for the ping to cross and the pong to come back.
      await until(() => !ka.awaitingPong);
    }
    clock.advance(10_000);
    expect(alice.events.filter((e) => e.type === 'flow-failed').map((e) => (e.type === 'flow-failed' ? e.error.message : ''))).toEqual([]);
    expect(alice.layer.connectionCount).toBe(1);
    ka.stop();
  });

  it('declares the flow failed and closes it when no pong comes within 10 s', async () => {
    const clock = new VirtualClock();
    const silent: net.Socket[] = [];
    const server = net.createServer((s) => silent.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    registerCloser(() => new Promise((resolve) => (silent.forEach((s) => s.destroy()), server.close(() => resolve()))));
    const port = (server.address() as net.AddressInfo).port;
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { clock });
    const sent = await alice.layer.sendRequest(request('REGISTER'), { transport: 'tcp', host: '127.0.0.1', port }, branch());
    alice.layer.startKeepAlive({ connectionId: sent.connectionId as number });
    clock.advance(120_000);
    clock.advance(10_000);
    const { flow, error } = await alice.next('flow-failed');
    expect(error).toBeInstanceOf(FlowFailedError);
    expect(flow.connectionId).toBe(sent.connectionId);
    expect(alice.layer.flowOf(flow.flowToken)?.connectionId).toBe(sent.connectionId);
    await until(() => alice.layer.connectionCount === 0);
  });

  it('reports a flow with keep-alives that the peer closes', async () => {
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { clock: new VirtualClock() });
    const registrar = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const sent = await alice.layer.sendRequest(request('REGISTER'), registrar.address('tcp'), branch());
    const { source } = await registrar.next('request');
    alice.layer.startKeepAlive({ connectionId: sent.connectionId as number });
    await registrar.layer.close();
    const { flow, error } = await alice.next('flow-failed');
    expect(error.code).toBe('flow-closed');
    expect(flow.port).toBe(registrar.address('tcp').port);
    expect(source.connectionId).toBeDefined();
  });

  it('can start from a flow token and refuses a flow that is gone', async () => {
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { clock: new VirtualClock() });
    const registrar = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    await alice.layer.sendRequest(request('REGISTER'), registrar.address('tcp'), branch());
    const { source } = await registrar.next('request');
    registrar.layer.startKeepAlive({ flowToken: source.flowToken }).stop();
    expect(() => registrar.layer.startKeepAlive({ connectionId: 999_999 })).toThrow(/open TCP or TLS flow/);
  });
});

describe('client-side flows (RFC 5626 §4.4)', () => {
  it('sendRequest returns the flow token; keep-alives and raw bytes use it', async () => {
    const clock = new VirtualClock();
    const alice = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }], { clock });
    const registrar = await Peer.start([{ transport: 'tcp', host: '127.0.0.1', port: 0 }]);
    const sent = await alice.layer.sendRequest(request('REGISTER'), registrar.address('tcp'), branch());
    await registrar.next('request');
    expect(alice.layer.flowOf(sent.flowToken)).toMatchObject({ transport: 'tcp', connectionId: sent.connectionId });
    const ka = alice.layer.startKeepAlive({ flowToken: sent.flowToken }, { random: () => 0 });
    clock.advance(96_000);
    expect(ka.awaitingPong).toBe(true);
    await until(() => !ka.awaitingPong);
    clock.advance(10_000);
    expect(alice.events.filter((e) => e.type === 'flow-failed')).toHaveLength(0);
    ka.stop();
  });

  it('sendOnFlow writes raw bytes from the UDP socket of the flow (STUN keep-alives)', async () => {
    const stunReplies: Buffer[] = [];
    const alice = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }], {}, { onStunDatagram: (data) => void stunReplies.push(data) });
    const server = await Peer.start([{ transport: 'udp', host: '127.0.0.1', port: 0 }], {}, {
      onStunDatagram: (data, source, reply) => {
        expect(source.port).toBe(alice.address('udp').port);
        void reply(data);
      },
    });
    const sent = await alice.layer.sendRequest(request('REGISTER'), server.address('udp'), branch());
    const binding = Buffer.alloc(20);
    binding.writeUInt16BE(0x0001, 0);
    binding.writeUInt32BE(0x2112a442, 4);
    await alice.layer.sendOnFlow(sent.flowToken, binding);
    await until(() => stunReplies.length === 1);
    await expect(alice.layer.sendOnFlow('bogus', binding)).rejects.toMatchObject({ name: 'InvalidFlowTokenError' });
  });
});
