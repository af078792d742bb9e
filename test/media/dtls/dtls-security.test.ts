import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/lib/clock';
import { createDtlsCertificate, DtlsEndpoint } from '../../../main/media/dtls';
import { DtlsSecurity } from '../../../main/media/session/dtls-security';
import type { NegotiatedSecurity } from '../../../main/sdp';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

const tick = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The handshake type of a plaintext DTLS handshake record (RFC 6347 §4.1, §4.2.2). */
const handshakeType = (d: Buffer): number | undefined => (d[0] === 22 ? d[13] : undefined);

describe('a call\'s DTLS-SRTP association across offer/answer exchanges', () => {
  it('keeps a ClientHello that came before the answer and answers it as soon as DTLS is negotiated', async () => {
    const [ours, theirs] = await Promise.all([createDtlsCertificate(), createDtlsCertificate()]);
    const fromClient: Buffer[] = [];
    const client = new DtlsEndpoint({ role: 'client', certificate: theirs, remoteFingerprints: [ours.fingerprint], clock: systemClock, link: { send: (d) => fromClient.push(d) } }, () => undefined);
    closers.push(() => client.close());
    client.start();
    await tick();
    expect(fromClient.map(handshakeType)).toEqual([1]); // ClientHello

    const sent: Buffer[] = [];
    const security = new DtlsSecurity({ clock: systemClock, certificate: ours, link: { send: (d) => sent.push(d) }, onKeys: () => undefined, onFailure: () => undefined });
    closers.push(() => security.close());
    expect(security.receive(fromClient[0]!)).toBe(true);
    await tick();
    expect(sent).toEqual([]);
    expect(security.status).toEqual({ state: 'none' });

    const dtls: NegotiatedSecurity = { kind: 'dtls', role: 'server', localSetup: 'passive', remoteSetup: 'actpass', remoteFingerprints: [theirs.fingerprint], remoteTlsId: 'x'.repeat(24) };
    security.apply(dtls);
    await tick();
    // RFC 6347 §4.2.1: the server's first answer is a HelloVerifyRequest, sent without waiting for a retransmission
    expect(sent.map(handshakeType)).toEqual([3]);
    expect(security.status).toMatchObject({ state: 'connecting', role: 'server' });
  });

  it('keeps the association for the same parameters, replaces it for a new tls-id or role, and ends it without DTLS', async () => {
    const [ours, theirs] = await Promise.all([createDtlsCertificate(), createDtlsCertificate()]);
    const sent: Buffer[] = [];
    const security = new DtlsSecurity({ clock: systemClock, certificate: ours, link: { send: (d) => sent.push(d) }, onKeys: () => undefined, onFailure: () => undefined });
    closers.push(() => security.close());
    const base = { kind: 'dtls', role: 'client', localSetup: 'active', remoteSetup: 'actpass', remoteFingerprints: [theirs.fingerprint], remoteTlsId: 'a'.repeat(24) } as const;
    security.apply(base);
    await tick();
    expect(sent.map(handshakeType)).toEqual([1]);
    security.apply({ ...base, remoteFingerprints: [{ ...theirs.fingerprint }] });
    await tick();
    expect(sent).toHaveLength(1); // same association: no new ClientHello
    security.apply({ ...base, remoteTlsId: 'b'.repeat(24) });
    await tick();
    expect(sent.map(handshakeType)).toEqual([1, 1]); // RFC 8842 §3: a new tls-id, a new association
    security.apply({ ...base, role: 'server', localSetup: 'passive', remoteTlsId: 'b'.repeat(24) });
    expect(security.status).toMatchObject({ state: 'connecting', role: 'server' });
    security.apply({ kind: 'none' });
    expect(security.status).toEqual({ state: 'none' });
  });

  it('turns DTLS away (for the ignored count) once the call negotiated something else, or without a certificate', async () => {
    const cert = await createDtlsCertificate();
    const record = Buffer.from([22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const security = new DtlsSecurity({ clock: systemClock, certificate: cert, link: { send: () => undefined }, onKeys: () => undefined, onFailure: () => undefined });
    expect(security.receive(record)).toBe(true); // no answer yet: it may be a DTLS call
    security.apply({ kind: 'none' });
    expect(security.receive(record)).toBe(false);
    const noCert = new DtlsSecurity({ clock: systemClock, certificate: undefined, link: { send: () => undefined }, onKeys: () => undefined, onFailure: () => undefined });
    expect(noCert.receive(record)).toBe(false);
  });

  it('fails with a named error when DTLS is negotiated without a certificate', () => {
    const failures: Error[] = [];
    const security = new DtlsSecurity({ clock: systemClock, certificate: undefined, link: { send: () => undefined }, onKeys: () => undefined, onFailure: (e) => failures.push(e) });
    security.apply({ kind: 'dtls', role: 'client', localSetup: 'active', remoteSetup: 'actpass', remoteFingerprints: [{ algorithm: 'sha-256', value: 'AA' }] });
    expect(failures).toMatchObject([{ name: 'DtlsSrtpError', code: 'no-certificate' }]);
    expect(security.status).toMatchObject({ state: 'failed' });
  });
});
