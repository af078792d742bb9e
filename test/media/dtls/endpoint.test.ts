import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/lib/clock';
import { createDtlsCertificate, DtlsEndpoint, type DtlsCertificate, type DtlsOutcome } from '../../../main/media/dtls';
import type { SrtpSuiteName } from '../../../main/media/srtp';
import { VirtualClock } from '../../helpers/virtual-clock';

const open: DtlsEndpoint[] = [];
afterEach(() => {
  for (const e of open.splice(0)) e.close();
});

interface Pair {
  client: Promise<DtlsOutcome>;
  server: Promise<DtlsOutcome>;
  /** Datagrams each way, as the link carried them. */
  wire: { toServer: Buffer[]; toClient: Buffer[] };
}

/**
 * A client and a server joined by an in-memory datagram link (asynchronous, like a socket):
 * the endpoint needs nothing but send and receive, which is what lets it run over ICE too.
 */
function pair(
  c: { cert: DtlsCertificate; expects: DtlsCertificate; suites?: SrtpSuiteName[] },
  s: { cert: DtlsCertificate; expects: DtlsCertificate; suites?: SrtpSuiteName[] },
): Pair {
  const wire = { toServer: [] as Buffer[], toClient: [] as Buffer[] };
  let client: DtlsEndpoint | undefined;
  let server: DtlsEndpoint | undefined;
  const done = (role: 'client' | 'server', cert: DtlsCertificate, expects: DtlsCertificate, suites: SrtpSuiteName[] | undefined): Promise<DtlsOutcome> =>
    new Promise((resolve) => {
      const endpoint = new DtlsEndpoint(
        {
          role,
          certificate: cert,
          remoteFingerprints: [expects.fingerprint],
          clock: systemClock,
          ...(suites && { suites }),
          link: {
            send: (d) => {
              (role === 'client' ? wire.toServer : wire.toClient).push(d);
              setImmediate(() => (role === 'client' ? server : client)?.receive(d));
            },
          },
        },
        resolve,
      );
      open.push(endpoint);
      if (role === 'client') client = endpoint;
      else server = endpoint;
    });
  const serverDone = done('server', s.cert, s.expects, s.suites);
  const clientDone = done('client', c.cert, c.expects, c.suites);
  server!.start();
  client!.start();
  return { client: clientDone, server: serverDone, wire };
}

describe('DtlsEndpoint over any datagram link', () => {
  it('agrees SRTP keys: what the client sends with is what the server receives with (RFC 5764 §4.2)', async () => {
    const [a, b] = await Promise.all([createDtlsCertificate(), createDtlsCertificate()]);
    const p = pair({ cert: a, expects: b }, { cert: b, expects: a });
    const [c, s] = await Promise.all([p.client, p.server]);
    if (!c.ok || !s.ok) throw new Error('handshake failed');
    expect(c.keys.suite).toBe('AES_CM_128_HMAC_SHA1_80');
    expect(s.keys.suite).toBe('AES_CM_128_HMAC_SHA1_80');
    expect(c.keys.local.masterKey).toHaveLength(16);
    expect(c.keys.local.masterSalt).toHaveLength(14);
    expect(c.keys.local).toEqual(s.keys.remote);
    expect(c.keys.remote).toEqual(s.keys.local);
    expect(c.keys.local.masterKey.equals(c.keys.remote.masterKey)).toBe(false);
    // RFC 7983 §7: every record the link carried starts with a DTLS content type (20-63)
    for (const d of [...p.wire.toServer, ...p.wire.toClient]) expect(d[0]).toBeGreaterThanOrEqual(20);
    // RFC 5763 §5: the server asks for the client's certificate, and the client sends it and signs
    // (plaintext handshake records: content type 22, then the handshake type after the 13-octet header)
    const handshakeTypes = (ds: Buffer[]): number[] => ds.filter((d) => d[0] === 22 && d[3] === 0 && d[4] === 0).map((d) => d[13]!);
    expect(handshakeTypes(p.wire.toClient)).toContain(13); // CertificateRequest
    expect(handshakeTypes(p.wire.toServer)).toEqual(expect.arrayContaining([11, 15])); // Certificate, CertificateVerify
  });

  it('once connected, the server ignores a new ClientHello instead of starting over', async () => {
    const [a, b] = await Promise.all([createDtlsCertificate(), createDtlsCertificate()]);
    const p = pair({ cert: a, expects: b }, { cert: b, expects: a });
    await Promise.all([p.client, p.server]);
    const hello = p.wire.toServer.find((d) => d[0] === 22 && d[13] === 1)!;
    const answered = p.wire.toClient.length;
    const server = open.find((e) => e.role === 'server')!;
    server.receive(hello);
    await new Promise((r) => setTimeout(r, 50));
    expect(p.wire.toClient.length).toBe(answered);
    expect(server.state).toBe('connected');
  });

  it('negotiates AEAD_AES_128_GCM when that is the profile both ask for (RFC 7714 §14.2)', async () => {
    const [a, b] = await Promise.all([createDtlsCertificate(), createDtlsCertificate()]);
    const p = pair({ cert: a, expects: b, suites: ['AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80'] }, { cert: b, expects: a, suites: ['AEAD_AES_128_GCM'] });
    const [c, s] = await Promise.all([p.client, p.server]);
    if (!c.ok || !s.ok) throw new Error('handshake failed');
    expect(c.keys.suite).toBe('AEAD_AES_128_GCM');
    expect(c.keys.local.masterSalt).toHaveLength(12);
    expect(c.keys.local).toEqual(s.keys.remote);
  });

  it('fails with fingerprint-mismatch on the side whose expected fingerprint is wrong', async () => {
    const [a, b, c3] = await Promise.all([createDtlsCertificate(), createDtlsCertificate(), createDtlsCertificate()]);
    // the client expects c3's fingerprint but the server shows b's certificate
    const p = pair({ cert: a, expects: c3 }, { cert: b, expects: a });
    const c = await p.client;
    expect(c).toMatchObject({ ok: false, error: { name: 'DtlsError', code: 'fingerprint-mismatch' } });
  });

  it('fails with proof-of-possession when a peer shows a certificate whose key it does not hold', async () => {
    const [a, b, mallory] = await Promise.all([createDtlsCertificate(), createDtlsCertificate(), createDtlsCertificate()]);
    // the server presents b's certificate (its fingerprint matches the SDP) but signs with mallory's key
    const forged: DtlsCertificate = { ...b, keyPem: mallory.keyPem };
    const p = pair({ cert: a, expects: b }, { cert: forged, expects: a });
    expect(await p.client).toMatchObject({ ok: false, error: { code: 'proof-of-possession' } });
    // and the other way: a client with a borrowed certificate is refused by the server
    const q = pair({ cert: { ...a, keyPem: mallory.keyPem }, expects: b }, { cert: b, expects: a });
    expect(await q.server).toMatchObject({ ok: false, error: { code: 'proof-of-possession' } });
  });

  it('times out when the peer never answers, and reports nothing after close', async () => {
    const cert = await createDtlsCertificate();
    const clock = new VirtualClock();
    const outcomes: DtlsOutcome[] = [];
    const sent: Buffer[] = [];
    const lonely = new DtlsEndpoint({ role: 'client', certificate: cert, remoteFingerprints: [cert.fingerprint], clock, link: { send: (d) => sent.push(d) } }, (o) => outcomes.push(o));
    open.push(lonely);
    lonely.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(sent.length).toBe(1); // the ClientHello
    expect(sent[0]![0]).toBe(22); // handshake record
    clock.advance(9_999);
    expect(outcomes).toEqual([]);
    clock.advance(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(lonely.state).toBe('failed');
    // nothing more leaves once failed, even when werift's retransmission timer fires
    await new Promise((r) => setTimeout(r, 600));
    expect(sent.length).toBe(1);

    const closed = new DtlsEndpoint({ role: 'server', certificate: cert, remoteFingerprints: [cert.fingerprint], clock, link: { send: () => undefined } }, (o) => outcomes.push(o));
    closed.start();
    closed.close();
    clock.advance(20_000);
    expect(outcomes).toHaveLength(1);
    expect(closed.state).toBe('closed');
  });

  it('ignores garbage instead of throwing', async () => {
    const cert = await createDtlsCertificate();
    const outcomes: DtlsOutcome[] = [];
    const server = new DtlsEndpoint({ role: 'server', certificate: cert, remoteFingerprints: [cert.fingerprint], clock: new VirtualClock(), link: { send: () => undefined } }, (o) => outcomes.push(o));
    open.push(server);
    server.start();
    for (const junk of [Buffer.alloc(0), Buffer.from([22]), Buffer.from([22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 1, 2]), Buffer.alloc(300, 0x16)]) {
      expect(() => server.receive(junk)).not.toThrow();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(server.state).toBe('connecting');
  });
});
