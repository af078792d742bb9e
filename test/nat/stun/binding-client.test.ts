import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import {
  STUN_ATTR,
  STUN_METHOD,
  StunBindingClient,
  answerBindingRequest,
  decodeStunMessage,
  encodeAddress,
  encodeErrorCode,
  encodeStunMessage,
  encodeUnknownAttributes,
  encodeXorAddress,
  verifyFingerprint,
  verifyMessageIntegrity,
  type BindingOutcome,
  type StunAttribute,
  type StunServerAddress,
} from '../../../main/nat/stun';
import { VirtualClock } from '../../helpers/virtual-clock';
import { value } from './helpers';

const SERVER = { address: '192.0.2.10', port: 3478 };
const MAPPED = { family: 'IPv4', address: '203.0.113.2', port: 40000 } as const;

interface Harness {
  clock: VirtualClock;
  client: StunBindingClient;
  sent: { at: number; data: Buffer; to: StunServerAddress }[];
  outcome: Promise<BindingOutcome>;
  settled: () => BindingOutcome | undefined;
}

function start(options: { shortTerm?: { username: string; key: Buffer }; fingerprint?: boolean; send?: () => void } = {}): Harness {
  const clock = new VirtualClock();
  const sent: Harness['sent'] = [];
  let n = 0;
  const client = new StunBindingClient({
    clock,
    software: 'LiteSIP test',
    fingerprint: options.fingerprint,
    transactionId: () => Buffer.alloc(12, ++n),
    send: options.send ?? ((data, to) => void sent.push({ at: clock.now(), data, to })),
  });
  let result: BindingOutcome | undefined;
  const outcome = client.request(SERVER, options.shortTerm ? { shortTerm: options.shortTerm } : {});
  void outcome.then((r) => (result = r));
  return { clock, client, sent, outcome, settled: () => result };
}

/** A response to the request sent last, built by hand. */
function response(h: Harness, messageClass: 'success' | 'error', attributes: StunAttribute[], options: { integrityKey?: Buffer; fingerprint?: boolean } = {}): Buffer {
  const request = value(decodeStunMessage(h.sent[h.sent.length - 1]!.data));
  return encodeStunMessage({ method: STUN_METHOD.BINDING, messageClass, transactionId: request.transactionId, attributes }, options);
}

function xorMapped(h: Harness): StunAttribute {
  const request = value(decodeStunMessage(h.sent[0]!.data));
  return { type: STUN_ATTR.XOR_MAPPED_ADDRESS, value: encodeXorAddress(MAPPED, request.transactionId) };
}

describe('STUN Binding client (RFC 8489 §6.2.1, §6.3)', () => {
  it('retransmits at 0, 500, 1500, 3500, 7500, 15500, 31500 ms and times out at 39500 ms', async () => {
    const h = start();
    h.clock.advance(39_499);
    await Promise.resolve();
    expect(h.sent.map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(new Set(h.sent.map((s) => s.data.toString('hex'))).size).toBe(1);
    expect(h.sent[0]!.to).toEqual(SERVER);
    expect(h.settled()).toBeUndefined();
    h.clock.advance(1);
    const r = await h.outcome;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.name).toBe('StunTimeoutError');
      expect(r.error).toMatchObject({ attempts: 7, elapsedMs: 39_500 });
    }
    expect(h.clock.pending()).toBe(0);
  });

  it('sends a Binding request with SOFTWARE and, when asked, FINGERPRINT', () => {
    const h = start({ fingerprint: true });
    const request = value(decodeStunMessage(h.sent[0]!.data));
    expect(request).toMatchObject({ method: STUN_METHOD.BINDING, messageClass: 'request' });
    expect(request.attributes.map((a) => a.type)).toEqual([STUN_ATTR.SOFTWARE, STUN_ATTR.FINGERPRINT]);
    expect(verifyFingerprint(request)).toBe('valid');
    h.client.close();
  });

  it('returns the XOR-MAPPED-ADDRESS of a response that arrives after retransmissions, and stops its timers', async () => {
    const h = start();
    h.clock.advance(1600);
    expect(h.sent).toHaveLength(3);
    expect(h.client.handle(response(h, 'success', [xorMapped(h)]))).toBe(true);
    const r = await h.outcome;
    expect(r.ok && r.value).toMatchObject({ mapped: MAPPED, server: SERVER, attempts: 3, elapsedMs: 1600 });
    expect(h.clock.pending()).toBe(0);
    // a late duplicate is not ours any more
    expect(h.client.handle(response(h, 'success', [xorMapped(h)]))).toBe(false);
  });

  it('falls back to MAPPED-ADDRESS from an RFC 3489-era server', async () => {
    const h = start();
    h.client.handle(response(h, 'success', [{ type: STUN_ATTR.MAPPED_ADDRESS, value: encodeAddress(MAPPED) }]));
    const r = await h.outcome;
    expect(r.ok && r.value.mapped).toEqual(MAPPED);
  });

  it('leaves other traffic on the shared socket alone: SIP, RTP, other transactions, bad fingerprints', () => {
    const h = start();
    expect(h.client.handle(Buffer.from('SIP/2.0 200 OK\r\n\r\n'))).toBe(false);
    expect(h.client.handle(Buffer.from('80000001000000000000000100000000', 'hex'))).toBe(false);
    const other = encodeStunMessage({ method: STUN_METHOD.BINDING, messageClass: 'success', transactionId: Buffer.alloc(12, 0xee), attributes: [] });
    expect(h.client.handle(other)).toBe(false);
    const request = encodeStunMessage({ method: STUN_METHOD.BINDING, messageClass: 'request', transactionId: Buffer.alloc(12, 1), attributes: [] });
    expect(h.client.handle(request)).toBe(false);
    const good = response(h, 'success', [xorMapped(h)], { fingerprint: true });
    const badFingerprint = Buffer.from(good);
    badFingerprint[badFingerprint.length - 1]! ^= 1;
    expect(h.client.handle(badFingerprint)).toBe(false);
    expect(h.settled()).toBeUndefined();
    expect(h.client.handle(good)).toBe(true);
  });

  it('reports an error response with its code, reason and unknown attributes', async () => {
    const h = start();
    h.client.handle(
      response(h, 'error', [
        { type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(420) },
        { type: STUN_ATTR.UNKNOWN_ATTRIBUTES, value: encodeUnknownAttributes([0x7abc]) },
      ]),
    );
    const r = await h.outcome;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ name: 'StunErrorResponseError', code: 420, reasonPhrase: 'Unknown Attribute', unknownAttributes: [0x7abc] });
  });

  it('passes on ALTERNATE-SERVER of a 300 only when the response was integrity-protected', async () => {
    const key = Buffer.from('k');
    const alternate = { family: 'IPv4', address: '192.0.2.99', port: 3478 } as const;
    const attributes = [
      { type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(300) },
      { type: STUN_ATTR.ALTERNATE_SERVER, value: encodeAddress(alternate) },
    ];
    const signed = start({ shortTerm: { username: 'u', key } });
    signed.client.handle(response(signed, 'error', attributes, { integrityKey: key }));
    const rs = await signed.outcome;
    expect(!rs.ok && rs.error).toMatchObject({ name: 'StunErrorResponseError', code: 300, alternateServer: alternate });
    const plain = start();
    plain.client.handle(response(plain, 'error', attributes));
    const rp = await plain.outcome;
    expect(!rp.ok && rp.error).toMatchObject({ code: 300, alternateServer: undefined });
  });

  it('treats an error response without ERROR-CODE as 500', async () => {
    const h = start();
    h.client.handle(response(h, 'error', []));
    const r = await h.outcome;
    expect(!r.ok && r.error).toMatchObject({ name: 'StunErrorResponseError', code: 500 });
  });

  it('fails on a success response with unknown comprehension-required attributes or no address', async () => {
    const a = start();
    a.client.handle(response(a, 'success', [xorMapped(a), { type: 0x7abc, value: Buffer.alloc(4) }]));
    const ra = await a.outcome;
    expect(!ra.ok && ra.error.name).toBe('StunBadResponseError');
    const b = start();
    b.client.handle(response(b, 'success', []));
    const rb = await b.outcome;
    expect(!rb.ok && rb.error.message).toMatch(/neither XOR-MAPPED-ADDRESS nor MAPPED-ADDRESS/);
  });

  it('with short-term credentials, signs the request and discards responses whose integrity fails (§9.1.4)', async () => {
    const key = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');
    const h = start({ shortTerm: { username: 'evtj:h6vY', key } });
    const request = value(decodeStunMessage(h.sent[0]!.data));
    expect(verifyMessageIntegrity(request, key)).toBe('valid');
    expect(h.client.handle(response(h, 'success', [xorMapped(h)], { integrityKey: Buffer.from('wrong') }))).toBe(true);
    expect(h.client.handle(response(h, 'success', [xorMapped(h)]))).toBe(true);
    h.clock.advance(39_500);
    const r = await h.outcome;
    expect(!r.ok && r.error).toMatchObject({ name: 'StunIntegrityError', discarded: 2 });

    const g = start({ shortTerm: { username: 'evtj:h6vY', key } });
    g.client.handle(response(g, 'success', [xorMapped(g)], { integrityKey: key }));
    const rg = await g.outcome;
    expect(rg.ok && rg.value.mapped).toEqual(MAPPED);
  });

  it('names a failing send and a close while waiting', async () => {
    let attempts = 0;
    const h = start({
      send: () => {
        attempts++;
        throw new Error('EHOSTUNREACH');
      },
    });
    const r = await h.outcome;
    expect(!r.ok && r.error).toMatchObject({ name: 'StunTransportError' });
    expect(!r.ok && r.error.message).toMatch(/EHOSTUNREACH/);
    expect(h.clock.pending()).toBe(0);
    h.clock.advance(40_000);
    expect(attempts).toBe(1);

    const rejecting = new StunBindingClient({ clock: new VirtualClock(), send: () => Promise.reject(new Error('ENETUNREACH')) });
    const rr = await rejecting.request(SERVER);
    expect(!rr.ok && rr.error.message).toMatch(/ENETUNREACH/);

    const c = start();
    c.client.close();
    const rc = await c.outcome;
    expect(!rc.ok && rc.error.name).toBe('StunTransportError');
    expect(c.clock.pending()).toBe(0);
    const after = await c.client.request(SERVER);
    expect(!after.ok && after.error.message).toMatch(/closed/);
  });
});

describe('STUN Binding client and responder over real UDP sockets on loopback', () => {
  const sockets: dgram.Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  async function bound(): Promise<dgram.Socket> {
    const s = dgram.createSocket('udp4');
    sockets.push(s);
    await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
    return s;
  }

  it('learns its own address through a responder, on a socket that also carries other traffic', async () => {
    const server = await bound();
    server.on('message', (data, rinfo) => {
      const reply = answerBindingRequest(data, rinfo, { software: 'LiteSIP responder' });
      if (reply) server.send(reply, rinfo.port, rinfo.address);
      else server.send(Buffer.from('not STUN'), rinfo.port, rinfo.address);
    });
    const socket = await bound();
    const other: string[] = [];
    const client = new StunBindingClient({
      send: (data, to) => new Promise<void>((resolve, reject) => socket.send(data, to.port, to.address, (e) => (e ? reject(e) : resolve()))),
      fingerprint: true,
    });
    socket.on('message', (data) => {
      if (!client.handle(data)) other.push(data.toString());
    });
    const port = server.address().port;
    socket.send('hello', port, '127.0.0.1');
    const r = await client.request({ address: '127.0.0.1', port });
    expect(r.ok && r.value.mapped).toEqual({ family: 'IPv4', address: '127.0.0.1', port: socket.address().port });
    expect(r.ok && r.value.attempts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other).toEqual(['not STUN']);
  });
});
