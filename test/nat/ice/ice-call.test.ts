import { describe, expect, it } from 'vitest';
import { dominantFrequency, toneDbfs } from '../../../main/media/audio';
import { parseSdp } from '../../../main/sdp';
import { callPair, expectTone, sleep, waitUntil, type Side } from '../../media/session/call-pair';

const ICE = { ice: { enabled: true } } as const;

function hearsEachOther(a: Side, b: Side): void {
  expectTone(a.received.tail(400), b.tone, { dominantFrequency, toneDbfs });
  expectTone(b.received.tail(400), a.tone, { dominantFrequency, toneDbfs });
}

describe('ICE between two media sessions on 127.0.0.1 (host candidates)', () => {
  it('both do ICE: candidates in the SDP, c=/m= is the default candidate, the offerer nominates a host pair, tones flow both ways', async () => {
    let offer = '';
    let answer = '';
    const { a, b } = await callPair(ICE, { offer: (s) => (offer = s), answer: (s) => (answer = s) });
    for (const sdp of [offer, answer]) {
      const m = parseSdp(sdp).media[0]!;
      expect(m.ice?.ufrag).toMatch(/^[A-Za-z0-9+/]{4,}$/);
      expect(m.ice?.candidates.length).toBeGreaterThan(0);
      expect(m.rtcpMux).toBe(true);
      // RFC 8839 §5.3: the default destination is one of the candidates
      expect(m.ice?.candidates.some((c) => c.address === parseSdp(sdp).connection?.address && c.port === m.port && c.type === 'host')).toBe(true);
    }
    expect(a.session.negotiated?.ice?.role).toBe('controlling');
    expect(b.session.negotiated?.ice?.role).toBe('controlled');
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected' && b.session.mediaPath().ice?.state === 'connected', 5000);
    await sleep(1000);
    const pa = a.session.mediaPath();
    expect(pa.ice?.state).toBe('connected');
    expect(pa.ice?.selected?.local).toMatchObject({ type: 'host', address: '127.0.0.1' });
    expect(pa.ice?.selected?.remote).toMatchObject({ type: 'host', address: '127.0.0.1', port: b.session.localAddress.port });
    expect(pa.rtpReceived && pa.rtpSent).toBe(true);
    hearsEachOther(a, b);
    expect(a.events.paths.some((p) => p.ice?.state === 'connected')).toBe(true);
  });

  it('the answerer has no ICE: the offerer falls back to plain addressing on its default candidate and latches', async () => {
    let answer = '';
    const { a, b } = await callPair({ a: ICE.ice ? { ice: ICE.ice } : {} }, { answer: (s) => (answer = s) });
    expect(parseSdp(answer).media[0]?.ice).toBeUndefined();
    expect(a.session.negotiated?.ice).toBeUndefined();
    await sleep(1200);
    const pa = a.session.mediaPath();
    expect(pa.ice?.state).toBe('off');
    expect(pa.remoteLatched).toEqual({ address: '127.0.0.1', port: b.session.localAddress.port });
    expect(b.session.mediaPath().remoteLatched).toEqual(a.session.localAddress);
    hearsEachOther(a, b);
  });

  it('the offerer has no ICE: the answer carries none and media flows on plain addressing', async () => {
    let answer = '';
    const { a, b } = await callPair({ b: { ice: ICE.ice } }, { answer: (s) => (answer = s) });
    expect(parseSdp(answer).media[0]?.ice).toBeUndefined();
    expect(answer).not.toMatch(/a=candidate/);
    await sleep(1200);
    expect(b.session.mediaPath().ice?.state).toBe('off');
    hearsEachOther(a, b);
  });

  it('an ICE offer without rtcp-mux is answered without ICE (one component only) and media still flows', async () => {
    let answer = '';
    const { a, b } = await callPair(ICE, { offer: (s) => s.replace(/a=rtcp-mux\r\n/, ''), answer: (s) => (answer = s) });
    expect(answer).not.toMatch(/a=candidate|a=ice-ufrag/);
    expect(a.session.negotiated?.rtcpMux).toBe(false);
    expect(a.session.negotiated?.ice).toBeUndefined();
    await sleep(1200);
    expect(a.session.mediaPath().ice?.state).toBe('off');
    hearsEachOther(a, b);
  });

  it('DTLS-SRTP runs over the selected pair (RFC 5764 §5.1.2 demultiplexing on the ICE path)', async () => {
    const { a, b } = await callPair({ ...ICE, srtp: 'dtls' });
    expect(a.session.negotiated?.security.kind).toBe('dtls');
    await waitUntil(() => a.session.dtlsStatus.state === 'connected' && b.session.dtlsStatus.state === 'connected', 8000);
    expect(a.session.mediaPath().ice?.state).toBe('connected');
    expect(a.session.dtlsStatus.state).toBe('connected');
    await sleep(1000);
    expect(a.session.quality().srtp).toBe(true);
    hearsEachOther(a, b);
  });

  it('a hold re-offer keeps the ICE credentials and the running pair', async () => {
    const { a, b } = await callPair(ICE);
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected', 5000);
    const first = parseSdp(a.session.createOffer()).media[0]!.ice!;
    const hold = a.session.hold();
    expect(parseSdp(hold).media[0]!.ice!.ufrag).toBe(first.ufrag);
    const answered = b.session.createAnswer(hold);
    if (!answered.ok) throw answered.error;
    expect(a.session.applyAnswer(answered.sdp).ok).toBe(true);
    const resume = b.session.createAnswer(a.session.resume());
    if (!resume.ok) throw resume.error;
    expect(a.session.applyAnswer(resume.sdp).ok).toBe(true);
    await sleep(1000);
    expect(a.session.mediaPath().ice?.state).toBe('connected');
    hearsEachOther(a, b);
  });
});
