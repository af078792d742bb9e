import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { MediaSession } from '../../../main/media/session';
import { callPair, side, waitUntil } from './call-pair';

const G729_ONLY = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 18',
  'a=rtpmap:18 G729/8000',
  '',
].join('\r\n');

describe('MediaSession: offer/answer failures as values', () => {
  it('answers a malformed offer with 400 naming the SDP fault', async () => {
    const b = await side(1000);
    const r = b.session.createAnswer('v=0\r\nthis is not sdp\r\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.status).toBe(400);
    expect(!r.ok && r.reason).toMatch(/^SDP: /);
    expect(!r.ok && r.reason).not.toMatch(/[\r\n]/);
  });

  it('answers an offer without a common codec with 488 and a 305 Warning', async () => {
    const b = await side(1000, { warnAgent: 'litesip.test' });
    const r = b.session.createAnswer(G729_ONLY);
    expect(r).toMatchObject({ ok: false, status: 488, warning: '305 litesip.test "Incompatible media format"' });
  });

  it('answers 488 when our codecs and the offer do not meet', async () => {
    const a = await side(440, { codecs: ['pcmu'] });
    const b = await side(1000, { codecs: ['opus', 'g722'] });
    const r = b.session.createAnswer(a.session.createOffer());
    expect(r).toMatchObject({ ok: false, status: 488 });
    expect(!r.ok && r.warning).toMatch(/^305 /);
  });

  it('answers 488 with a 302 Warning when SRTP is mandatory and the offer is plain RTP', async () => {
    const a = await side(440, { srtp: 'off' });
    const b = await side(1000, { srtp: 'mandatory' });
    const r = b.session.createAnswer(a.session.createOffer());
    expect(r).toMatchObject({ ok: false, status: 488 });
    expect(!r.ok && r.warning).toMatch(/^302 .* "Incompatible transport protocol"$/);
  });

  it('falls back to plain RTP when a best-effort offer meets an answerer with SRTP off', async () => {
    const { a, b } = await callPair({ a: { srtp: 'best-effort' }, b: { srtp: 'off' } });
    expect(a.session.negotiated?.security.kind).toBe('none');
    expect(b.session.negotiated?.security.kind).toBe('none');
  });

  it('refuses an answer that does not fit the offer, and one without an offer, as values', async () => {
    const a = await side(440);
    expect(a.session.applyAnswer(G729_ONLY)).toMatchObject({ ok: false, error: { name: 'MediaStateError' } });
    a.session.createOffer();
    const r = a.session.applyAnswer(G729_ONLY);
    expect(r).toMatchObject({ ok: false, error: { name: 'MediaAnswerError' } });
    expect(a.session.applyAnswer('garbage')).toMatchObject({ ok: false });
  });

  it('offers rtcp-mux, telephone-event and its keys according to the settings', async () => {
    const a = await side(440, { srtp: 'mandatory', codecs: ['opus', 'pcmu'] });
    const offer = a.session.createOffer();
    expect(offer).toMatch(/m=audio \d+ RTP\/SAVP 111 0 110 101/);
    expect(offer).toMatch(/a=rtcp-mux/);
    expect(offer).toMatch(/a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:/);
    // RFC 3550 §11: RTCP on the next port, where a peer that declines rtcp-mux sends it
    expect(a.session.mediaPath().localRtcp.port).toBe(a.session.localAddress.port + 1);
  });
});

describe('MediaSession: sockets', () => {
  it('binds an even RTP port and the next one for RTCP from a range', async () => {
    const any = await side(440);
    expect(any.session.localAddress.port % 2).toBe(0);
    const s = await side(440, { port: { min: 41000, max: 41999 } });
    const port = s.session.localAddress.port;
    expect(port % 2).toBe(0);
    expect(port).toBeGreaterThanOrEqual(41000);
    expect(s.session.mediaPath().localRtcp.port).toBe(port + 1);
  });

  it('frees both sockets promptly on close', async () => {
    const session = await MediaSession.create({ bindHost: '127.0.0.1' });
    const rtp = session.localAddress.port;
    const rtcp = session.mediaPath().localRtcp.port;
    const started = Date.now();
    await session.close();
    expect(Date.now() - started).toBeLessThan(200);
    for (const port of [rtp, rtcp]) {
      const probe = dgram.createSocket('udp4');
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.bind(port, '127.0.0.1', () => resolve());
      });
      probe.close();
    }
    expect(session.closed).toBe(true);
    expect(() => session.createOffer()).toThrow(/closed/);
  });

  it('refuses to bind when the range has no free pair', async () => {
    await expect(MediaSession.create({ bindHost: '127.0.0.1', port: { min: 41001, max: 41001 } })).rejects.toMatchObject({ name: 'MediaBindError' });
  });
});

describe('MediaSession: SRTP suites', () => {
  for (const suite of ['AES_CM_128_HMAC_SHA1_32', 'AEAD_AES_128_GCM'] as const) {
    it(`runs the suite the answer chose: ${suite}`, async () => {
      const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'mandatory', b: { srtpSuites: [suite] } });
      const security = a.session.negotiated?.security;
      expect(security?.kind === 'sdes' && security.suite).toBe(suite);
      await waitUntil(() => a.session.quality().packetsReceived > 20 && b.session.quality().packetsReceived > 20);
      expect(a.session.quality().packetsReceived).toBeGreaterThan(20);
      expect(a.session.quality().srtpFailures + b.session.quality().srtpFailures).toBe(0);
    });
  }
});
