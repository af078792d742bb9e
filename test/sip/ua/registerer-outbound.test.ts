import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerBindingRequest, looksLikeStun } from '../../../main/nat/stun';
import { StreamFramer, createResponse, parseMessage, parseUri, type SipRequest } from '../../../main/sip/message';
import { Registerer, UserAgent, type RegistrationStatus } from '../../../main/sip/ua';
import { VirtualClock } from '../../helpers/virtual-clock';

const INSTANCE = 'urn:uuid:00000000-0000-4000-8000-0000000000aa';

/**
 * A registrar over TCP that supports outbound (RFC 5626 §6): answers REGISTER with 200,
 * `Require: outbound` and a Flow-Timer, answers double-CRLF pings with a CRLF pong unless told
 * to stay silent, and can drop its connections.
 */
class OutboundRegistrar {
  readonly registers: { request: SipRequest; socket: net.Socket }[] = [];
  readonly sockets: net.Socket[] = [];
  pings = 0;
  pong = true;
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly server: net.Server,
    readonly flowTimer: number,
  ) {
    server.on('connection', (socket) => {
      this.sockets.push(socket);
      const framer = new StreamFramer({ keepAliveRole: 'server' });
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        for (const frame of framer.push(chunk)) {
          if (frame.type === 'ping') {
            this.pings++;
            if (this.pong) socket.write('\r\n');
          } else if (frame.type === 'message') {
            const r = parseMessage(frame.data, { transport: 'stream' });
            if (!r.ok || r.value.kind !== 'request') continue;
            const request = r.value as SipRequest;
            this.registers.push({ request, socket });
            const expires = request.expires ?? 3600;
            const contact = request.getHeader('Contact') as string;
            const response = createResponse(request, 200, {
              headers: [
                ['Require', 'outbound'],
                ['Flow-Timer', this.flowTimer],
                ...(expires > 0 ? ([['Contact', `${contact};expires=${expires}`]] as const) : []),
              ],
            });
            socket.write(response.toBuffer());
            this.waiters.splice(0).forEach((wake) => wake());
          }
        }
      });
    });
  }

  static async start(flowTimer: number): Promise<OutboundRegistrar> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new OutboundRegistrar(server, flowTimer);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves once `count` REGISTERs have come in. */
  async registered(count: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.registers.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.registers.length} REGISTERs of ${count}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  dropConnections(): void {
    for (const s of this.sockets.splice(0)) s.destroy();
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function alice(registrar: OutboundRegistrar, clock: VirtualClock, seen: RegistrationStatus[], instanceId: string | null = INSTANCE): Promise<Registerer> {
  const ua = await UserAgent.start({ listen: [{ transport: 'tcp', host: '127.0.0.1', port: 0 }], user: 'alice', product: 'LiteSIP/test', clock });
  cleanups.push(() => ua.close());
  const aor = parseUri('sip:alice@example.test');
  if (!aor.ok) throw new Error('bad aor');
  const registerer = new Registerer(ua, {
    aor: aor.value,
    target: { transport: 'tcp', host: '127.0.0.1', port: registrar.port },
    expires: 600,
    ...(instanceId ? { instanceId, regId: 1 } : {}),
    onChange: (s) => seen.push(s),
  });
  cleanups.push(() => registerer.unregister());
  return registerer;
}

describe('Registerer with SIP Outbound (RFC 5626)', () => {
  it('keeps the registration flow alive with CRLF pings at 80-100% of the Flow-Timer, on the same connection', async () => {
    const registrar = await OutboundRegistrar.start(30);
    cleanups.push(() => registrar.close());
    const clock = new VirtualClock();
    const seen: RegistrationStatus[] = [];
    const registerer = await alice(registrar, clock, seen);
    expect((await registerer.register()).state).toBe('registered');
    const contact = registrar.registers[0]!.request.getHeader('Contact') as string;
    expect(contact).toContain(`+sip.instance="<${INSTANCE}>"`);
    expect(contact).toContain('reg-id=1');
    expect(registerer.flowConnectionId).toBeDefined();
    let last = clock.now();
    for (let i = 1; i <= 3; i++) {
      // one virtual second at a time until the ping goes out, so its pong deadline stays ahead
      while (!registerer.awaitingPong && clock.now() - last < 40_000) clock.advance(1000);
      const gap = clock.now() - last;
      expect(gap).toBeGreaterThanOrEqual(24_000);
      expect(gap).toBeLessThanOrEqual(30_000);
      last = clock.now();
      await until(() => registrar.pings === i, `ping ${i}`);
      // real time for the pong to come back
      await until(() => !registerer.awaitingPong, `pong ${i}`);
    }
    // pongs came back: no failure, one connection, still registered
    clock.advance(10_000);
    expect(registrar.registers).toHaveLength(1);
    expect(registrar.sockets).toHaveLength(1);
    expect(registerer.status.state).toBe('registered');
  });

  it('re-registers on a new connection when the registrar drops the flow', async () => {
    const registrar = await OutboundRegistrar.start(30);
    cleanups.push(() => registrar.close());
    const seen: RegistrationStatus[] = [];
    const registerer = await alice(registrar, new VirtualClock(), seen);
    await registerer.register();
    const first = registerer.flowConnectionId;
    const firstSocket = registrar.registers[0]!.socket;
    registrar.dropConnections();
    await registrar.registered(2);
    await until(() => registerer.status.state === 'registered' && registerer.flowConnectionId !== undefined && registerer.flowConnectionId !== first, 'the registration on a new flow');
    expect(registrar.registers[1]!.socket).not.toBe(firstSocket);
    // same registration: same Call-ID, next CSeq, same instance and reg-id (RFC 5626 §4.2.1)
    const [a, b] = [registrar.registers[0]!.request, registrar.registers[1]!.request];
    expect(b.callId).toBe(a.callId);
    expect(b.cseq.seq).toBe(a.cseq.seq + 1);
    expect(b.getHeader('Contact')).toBe(a.getHeader('Contact'));
    expect(seen.map((s) => s.state)).toEqual(['registering', 'registered', 'registering', 'registered']);
  });

  it('declares the flow failed when no pong comes within 10 s, and registers again', async () => {
    const registrar = await OutboundRegistrar.start(60);
    cleanups.push(() => registrar.close());
    registrar.pong = false;
    const clock = new VirtualClock();
    const seen: RegistrationStatus[] = [];
    const registerer = await alice(registrar, clock, seen);
    await registerer.register();
    const first = registerer.flowConnectionId;
    while (!registerer.awaitingPong && clock.now() < 70_000) clock.advance(1000);
    await until(() => registrar.pings === 1, 'the ping');
    expect(registrar.registers).toHaveLength(1);
    clock.advance(10_000);
    await registrar.registered(2);
    await until(() => registerer.status.state === 'registered' && registerer.flowConnectionId !== first, 'the new flow');
    expect(registrar.registers[1]!.socket).not.toBe(registrar.registers[0]!.socket);
  });

  it('backs off when the registrar cannot be reached after a flow failure (RFC 5626 §4.5)', async () => {
    const registrar = await OutboundRegistrar.start(30);
    const clock = new VirtualClock();
    const seen: RegistrationStatus[] = [];
    const registerer = await alice(registrar, clock, seen);
    await registerer.register();
    await registrar.close();
    await until(() => registerer.status.state === 'failed', 'the failed re-registration');
    expect(registerer.status.reason).toMatch(/^503/);
    expect(registerer.flowConnectionId).toBeUndefined();
    // the retry waits 50-100% of 30 s: nothing before 15 s
    const before = seen.length;
    clock.advance(14_000);
    expect(seen.length).toBe(before);
  });

  it('keeps no flow alive when the registrar does not support outbound or no instance is set', async () => {
    const registrar = await OutboundRegistrar.start(30);
    cleanups.push(() => registrar.close());
    const clock = new VirtualClock();
    const registerer = await alice(registrar, clock, [], null);
    expect((await registerer.register()).state).toBe('registered');
    expect(registrar.registers[0]!.request.getHeader('Contact')).not.toContain('reg-id');
    expect(registerer.flowConnectionId).toBeUndefined();
    clock.advance(150_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registrar.pings).toBe(0);
  });
});

/** A registrar over UDP that supports outbound and answers STUN keep-alives unless told not to (RFC 5626 §4.4.2, §8). */
class UdpOutboundRegistrar {
  readonly registers: SipRequest[] = [];
  stunRequests = 0;
  answerStun = true;

  private constructor(readonly socket: dgram.Socket) {
    socket.on('message', (data, rinfo) => {
      if (looksLikeStun(data)) {
        this.stunRequests++;
        const answer = this.answerStun ? answerBindingRequest(data, { address: rinfo.address, port: rinfo.port }) : undefined;
        if (answer) socket.send(answer, rinfo.port, rinfo.address);
        return;
      }
      const r = parseMessage(data);
      if (!r.ok || r.value.kind !== 'request') return;
      const request = r.value as SipRequest;
      this.registers.push(request);
      const expires = request.expires ?? 3600;
      const response = createResponse(request, 200, {
        headers: [['Require', 'outbound'], ['Flow-Timer', 30], ...(expires > 0 ? ([['Contact', `${request.getHeader('Contact') as string};expires=${expires}`]] as const) : [])],
      });
      socket.send(response.toBuffer(), rinfo.port, rinfo.address);
    });
  }

  static async start(): Promise<UdpOutboundRegistrar> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new UdpOutboundRegistrar(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

async function udpAlice(registrar: UdpOutboundRegistrar, clock: VirtualClock, seen: RegistrationStatus[]): Promise<Registerer> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', product: 'LiteSIP/test', clock });
  cleanups.push(() => ua.close());
  const aor = parseUri('sip:alice@example.test');
  if (!aor.ok) throw new Error('bad aor');
  const registerer = new Registerer(ua, { aor: aor.value, target: { transport: 'udp', host: '127.0.0.1', port: registrar.port }, expires: 600, instanceId: INSTANCE, regId: 1, onChange: (s) => seen.push(s) });
  cleanups.push(() => registerer.unregister());
  return registerer;
}

describe('Registerer with SIP Outbound over UDP (RFC 5626 §4.4.2)', () => {
  it('sends STUN Binding keep-alives from the SIP socket at 80-100% of the Flow-Timer and stays registered while they are answered', async () => {
    const registrar = await UdpOutboundRegistrar.start();
    cleanups.push(() => registrar.close());
    const clock = new VirtualClock();
    const registerer = await udpAlice(registrar, clock, []);
    expect((await registerer.register()).state).toBe('registered');
    expect(registerer.flowToken).toBeDefined();
    let last = clock.now();
    for (let i = 1; i <= 3; i++) {
      // steps shorter than the STUN RTO (500 ms), so the answer comes before any retransmission
      while (!registerer.awaitingPong && clock.now() - last < 40_000) clock.advance(100);
      const gap = clock.now() - last;
      expect(gap).toBeGreaterThanOrEqual(24_000);
      expect(gap).toBeLessThanOrEqual(30_100);
      last = clock.now();
      await until(() => !registerer.awaitingPong, `STUN answer ${i}`);
    }
    expect(registrar.stunRequests).toBe(3);
    expect(registrar.registers).toHaveLength(1);
    expect(registerer.status.state).toBe('registered');
  });

  it('re-registers when the STUN keep-alive gets no answer', async () => {
    const registrar = await UdpOutboundRegistrar.start();
    cleanups.push(() => registrar.close());
    registrar.answerStun = false;
    const clock = new VirtualClock();
    const seen: RegistrationStatus[] = [];
    const registerer = await udpAlice(registrar, clock, seen);
    await registerer.register();
    while (!registerer.awaitingPong && clock.now() < 40_000) clock.advance(1000);
    // RFC 8489 §6.2.1: retransmissions, then the transaction times out
    for (let t = 0; t < 60 && registrar.registers.length < 2; t++) {
      clock.advance(1000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => registrar.registers.length === 2 && registerer.status.state === 'registered', 'the new registration');
    expect(registrar.stunRequests).toBeGreaterThan(1);
    expect(registrar.registers[1]!.callId).toBe(registrar.registers[0]!.callId);
    expect(seen.map((s) => s.state)).toEqual(['registering', 'registered', 'registering', 'registered']);
  });
});
