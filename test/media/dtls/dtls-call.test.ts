import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { dominantFrequency, rmsDbfs, toneDbfs } from '../../../main/media/audio';
import { parseSdp } from '../../../main/sdp';
import { callPair, expectTone, side, sleep, waitUntil } from '../session/call-pair';

const connected = (s: { session: { dtlsStatus: { state: string } } }): boolean => s.session.dtlsStatus.state === 'connected';
const otherFingerprint = (sdp: string): string => sdp.replace(/a=fingerprint:sha-256 \S+/, `a=fingerprint:sha-256 ${Array.from({ length: 32 }, () => 'AB').join(':')}`);

const sockets: dgram.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('MediaSession: DTLS-SRTP offer and answer (RFC 5763 §5)', () => {
  it('offers UDP/TLS/RTP/SAVP with our fingerprint, a=setup:actpass and a=tls-id', async () => {
    const a = await side(440, { srtp: 'dtls', codecs: ['pcmu'] });
    const offer = parseSdp(a.session.createOffer());
    const m = offer.media[0]!;
    expect(m.proto).toBe('UDP/TLS/RTP/SAVP');
    expect(m.fingerprints).toHaveLength(1);
    expect(m.fingerprints[0]).toMatchObject({ algorithm: 'sha-256' });
    expect(m.fingerprints[0]!.value).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(m.setup).toBe('actpass');
    expect(m.tlsId).toMatch(/^[A-Za-z0-9+/_-]{20,}$/);
    expect(m.crypto).toEqual([]);
  });

  it('answers a DTLS offer with a=setup:active in best-effort and mandatory, and refuses it with SRTP off', async () => {
    const a = await side(440, { srtp: 'dtls', codecs: ['pcmu'] });
    const offer = a.session.createOffer();
    for (const mode of ['best-effort', 'mandatory'] as const) {
      const b = await side(1000, { srtp: mode });
      const answer = b.session.createAnswer(offer);
      if (!answer.ok) throw answer.error;
      const m = parseSdp(answer.sdp).media[0]!;
      expect(m.proto).toBe('UDP/TLS/RTP/SAVP');
      expect(m.setup).toBe('active');
      expect(m.fingerprints[0]?.algorithm).toBe('sha-256');
      expect(m.crypto).toEqual([]);
      expect(b.session.negotiated?.security).toMatchObject({ kind: 'dtls', role: 'client' });
    }
    const off = await side(1000, { srtp: 'off' });
    // RFC 3261 §20.43: 302 Incompatible transport protocol
    expect(off.session.createAnswer(offer)).toMatchObject({ ok: false, status: 488, warning: expect.stringMatching(/^302 /), error: { message: expect.stringContaining('SRTP is turned off') } });
  });

  it('answers an offer with a=setup:active as passive, and becomes the DTLS server', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], a: { srtp: 'dtls' } }, { offer: (sdp) => sdp.replace('a=setup:actpass', 'a=setup:active') });
    expect(b.session.negotiated?.security).toMatchObject({ kind: 'dtls', role: 'server', localSetup: 'passive' });
    await waitUntil(() => connected(a) && connected(b), 5000);
    expect(a.session.dtlsStatus.role).toBe('client');
  });
});

describe('MediaSession: DTLS-SRTP between two sessions', () => {
  it('handshakes on the media port and carries each side\'s tone under SRTP', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls' });
    await waitUntil(() => connected(a) && connected(b), 5000);
    expect(a.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'server' });
    expect(b.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'client' });
    await sleep(700);
    expectTone(a.received.tail(400), 1000, { dominantFrequency, toneDbfs });
    expectTone(b.received.tail(400), 440, { dominantFrequency, toneDbfs });
    expect(a.session.quality()).toMatchObject({ srtp: true, srtpFailures: 0 });
    expect(b.session.quality()).toMatchObject({ srtp: true, srtpFailures: 0 });
    expect(a.events.errors).toEqual([]);
    expect(b.events.errors).toEqual([]);
  });

  it('runs over the ICE path once ICE picked a pair (RFC 5764 §5.1.2: the same 5-tuple as the media)', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls', ice: { enabled: true } });
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected' && connected(a) && connected(b), 8000);
    expect(a.session.mediaPath().ice?.selected?.remote).toMatchObject({ address: '127.0.0.1', port: b.session.localAddress.port });
    expect(a.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'server' });
    await sleep(600);
    expectTone(a.received.tail(300), 1000, { dominantFrequency, toneDbfs });
    expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });
  });

  it('without rtcp-mux, RTCP runs its own association on its port and SRTCP reports flow (RFC 5764 §4.1)', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls', rtcpMux: false, rtcpMinIntervalSec: 0.2 });
    expect(a.session.negotiated?.rtcpMux).toBe(false);
    await waitUntil(() => a.session.quality().rttMs !== undefined && b.session.quality().rttMs !== undefined, 5000);
    for (const s of [a, b]) {
      const q = s.session.quality();
      expect(q.rttMs).toBeLessThan(100);
      expect(q.srtpFailures).toBe(0);
      expect(s.events.errors).toEqual([]);
    }
  });

  it('without rtcp-mux and a peer that runs no RTCP association, RTCP falls back to the RTP keys', async () => {
    // B is told A's RTCP port is 9: A's RTCP association (the server) never hears a ClientHello
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls', rtcpMux: false, rtcpMinIntervalSec: 0.2, dtlsTimeoutMs: 1000 }, { offer: (sdp) => sdp.replace(/a=rtcp:\d+/, 'a=rtcp:9') });
    await waitUntil(() => a.events.errors.length > 0 && b.events.errors.length > 0, 4000);
    for (const s of [a, b]) {
      expect(s.events.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^RTCP's own DTLS association failed, so RTCP uses the RTP keys: .*did not finish/)]);
      expect(s.session.dtlsStatus.state).toBe('connected');
    }
    // A's reports, now protected with the RTP keys, reach B and are accepted (B's go to port 9)
    await waitUntil(() => b.session.quality().remoteLossPercent !== undefined, 3000);
    expect(b.session.quality()).toMatchObject({ remoteLossPercent: 0, srtpFailures: 0 });
  });

  it('a ClientHello that arrives before the answer is kept and used (RFC 5763 §5)', async () => {
    const a = await side(440, { srtp: 'dtls', codecs: ['pcmu'] });
    const b = await side(1000, { srtp: 'best-effort', codecs: ['pcmu'] });
    const answer = b.session.createAnswer(a.session.createOffer());
    if (!answer.ok) throw answer.error;
    await sleep(150); // B's ClientHello reaches A, which has no answer yet
    expect(a.session.applyAnswer(answer.sdp)).toEqual({ ok: true });
    await waitUntil(() => connected(a) && connected(b), 5000);
    expect(a.session.refusals.ignored).toBe(0);
    await sleep(500);
    expectTone(a.received.tail(300), 1000, { dominantFrequency, toneDbfs });
  });

  it('keeps the association across hold and resume (RFC 8842 §3: same tls-id, roles and fingerprints)', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls' });
    await waitUntil(() => connected(a) && connected(b), 5000);
    const before = a.session.refusals;
    for (const reoffer of [(): string => a.session.hold(), (): string => a.session.resume()]) {
      const answer = b.session.createAnswer(reoffer());
      if (!answer.ok) throw answer.error;
      expect(a.session.applyAnswer(answer.sdp)).toEqual({ ok: true });
      expect(connected(a) && connected(b)).toBe(true);
    }
    await sleep(700);
    expectTone(a.received.tail(300), 1000, { dominantFrequency, toneDbfs });
    expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });
    expect(a.session.quality().srtpFailures).toBe(before.srtpFailures);
  });

  it('a re-offer from the answerer (actpass) is answered with the role we have, so the association goes on', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls' });
    await waitUntil(() => connected(a) && connected(b), 5000);
    // B (the DTLS client) holds: its re-offer says actpass; A, the server, answers passive again
    const answer = a.session.createAnswer(b.session.hold());
    if (!answer.ok) throw answer.error;
    expect(parseSdp(answer.sdp).media[0]!.setup).toBe('passive');
    expect(b.session.applyAnswer(answer.sdp)).toEqual({ ok: true });
    expect(a.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'server' });
    expect(b.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'client' });
  });

  it('fails with DtlsFingerprintMismatchError when the answer\'s fingerprint is not the peer\'s certificate', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls' }, { answer: otherFingerprint });
    await waitUntil(() => a.session.dtlsStatus.state === 'failed', 5000);
    expect(a.session.dtlsStatus.error).toMatchObject({ name: 'DtlsFingerprintMismatchError', code: 'fingerprint-mismatch' });
    expect(a.events.errors.map((e) => e.name)).toEqual(['DtlsFingerprintMismatchError']);
    expect(a.events.errors[0]!.message).toMatch(/does not match the a=fingerprint/);
    await sleep(500);
    // nothing was played from an unauthenticated peer, nothing went out in the clear
    expect(a.session.quality().packetsReceived).toBe(0);
    expect(rmsDbfs(a.received.tail(300))).toBeLessThan(-60);
    expect(rmsDbfs(b.received.tail(300))).toBeLessThan(-60);
  });

  it('fails on the answerer when the offer\'s fingerprint was tampered with', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls' }, { offer: otherFingerprint });
    await waitUntil(() => b.session.dtlsStatus.state === 'failed', 5000);
    expect(b.events.errors.map((e) => e.name)).toEqual(['DtlsFingerprintMismatchError']);
    expect(b.session.dtlsStatus).toMatchObject({ state: 'failed', role: 'client', error: { code: 'fingerprint-mismatch' } });
    await sleep(400);
    expect(rmsDbfs(b.received.tail(300))).toBeLessThan(-60);
    expect(a.session.quality().packetsReceived).toBe(0);
  });

  it('fails with DtlsHandshakeTimeoutError when no DTLS comes back', async () => {
    // the offer points B at a socket that swallows everything
    const sink = dgram.createSocket('udp4');
    sockets.push(sink);
    await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
    const port = sink.address().port;
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls', dtlsTimeoutMs: 1500 }, { offer: (sdp) => sdp.replace(/m=audio \d+/, `m=audio ${port}`) });
    await waitUntil(() => a.session.dtlsStatus.state === 'failed' && b.session.dtlsStatus.state === 'failed', 4000);
    for (const s of [a, b]) {
      expect(s.events.errors.map((e) => e.name)).toEqual(['DtlsHandshakeTimeoutError']);
      expect(s.events.errors[0]!.message).toMatch(/did not finish within 2 s/);
    }
  });
});
