import { describe, expect, it } from 'vitest';
import { createAnswer, parseSdp, SdpCryptoError, SdpNegotiationError, SdpParseError, type IceCandidate, type LocalIce } from '../../main/sdp';
import { loadFixture } from './load-fixture';
import { BOB_FP, BOB_KEYS, bob, bobSession } from './sides';

const BOB_ICE: LocalIce = {
  ufrag: 'BoB1',
  pwd: 'bobsIcePasswordIsLongEnough',
  options: ['trickle', 'ice2'],
  candidates: [
    { foundation: '1', component: 1, transport: 'UDP', priority: 2130706431, address: '198.51.100.20', port: 50000, type: 'host' },
    { foundation: '2', component: 1, transport: 'UDP', priority: 2130706175, address: '0c1d2e3f.local', port: 50002, type: 'host' },
    { foundation: '3', component: 1, transport: 'UDP', priority: 1694498815, address: '203.0.113.99', port: 61000, type: 'srflx', relAddr: '198.51.100.20', relPort: 50000 },
  ],
};

function answerTo(fixture: string, options = bob('best-effort')): ReturnType<typeof createAnswer> {
  return createAnswer(bobSession(), loadFixture(fixture), options);
}

function negotiationError(fn: () => unknown): SdpNegotiationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SdpNegotiationError) return e;
    throw e;
  }
  throw new Error('no SdpNegotiationError');
}

describe('sdp: answers to real-world offers', () => {
  it('baresip 1.0.0, SDES on RTP/SAVP: same tag, our key, offerer order, a=rtcp honoured', () => {
    const { sdp, negotiated } = answerTo('baresip-sdes-offer.sdp', bob('mandatory'));
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=bob 2002 1 IN IP4 198.51.100.20',
      's=-',
      'c=IN IP4 198.51.100.20',
      't=0 0',
      'm=audio 50000 RTP/SAVP 96 9 0 8 101',
      'a=rtpmap:96 opus/48000/2',
      'a=rtpmap:9 G722/8000',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:96 useinbandfec=1',
      'a=fmtp:101 0-15',
      'a=rtcp:50001',
      `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${BOB_KEYS.AES_CM_128_HMAC_SHA1_80.toString('base64')}`,
      'a=mid:1',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ]);
    const a = negotiated.audio;
    expect(negotiated.remoteOrigin.sessionVersion).toBe(2936443155n);
    expect(a.sendCodec).toEqual({ name: 'opus', pt: 96, clockRate: 48000, channels: 2, remoteParams: { stereo: '1', 'sprop-stereo': '1' } });
    expect(a.codecs.map((c) => `${c.name}/${c.pt}`)).toEqual(['opus/96', 'g722/9', 'pcmu/0', 'pcma/8']);
    expect(a.telephoneEvent).toEqual({ pt: 101, clockRate: 8000, events: '0-15' });
    expect(a.rtcpMux).toBe(false);
    expect(a.remote).toEqual({ rtp: { address: '192.168.1.10', port: 10670 }, rtcp: { address: '192.168.1.10', port: 10671 }, onHold: false });
    expect(a.local).toEqual({ rtpPort: 50000, rtcpPort: 50001 });
    expect(a.security).toMatchObject({ kind: 'sdes', suite: 'AES_CM_128_HMAC_SHA1_80', tag: 1, localKey: { keySalt: BOB_KEYS.AES_CM_128_HMAC_SHA1_80 } });
    if (a.security.kind !== 'sdes') throw new Error('sdes expected');
    expect(a.security.remoteKey.keySalt.toString('base64')).toBe('8C/zRdZ6ImOJycvEmb7S/6+WW9dn+49PhSg0ddrp');
    expect(a.mid).toBe('1');
  });

  it('Linphone best-effort (RTP/AVP + crypto): skips AES-256 (not enabled by default), answers tag 2 on RTP/AVP', () => {
    const { sdp, negotiated } = answerTo('linphone-best-effort-offer.sdp');
    const m = parseSdp(sdp).media[0];
    expect(m?.proto).toBe('RTP/AVP');
    expect(m?.formats).toEqual(['96', '0', '8', '101', '100']);
    expect(m?.crypto.map((c) => [c.tag, c.suite])).toEqual([[2, 'AES_CM_128_HMAC_SHA1_80']]);
    const a = negotiated.audio;
    expect(a.security).toMatchObject({ kind: 'sdes', tag: 2, suite: 'AES_CM_128_HMAC_SHA1_80' });
    expect(a.sendCodec).toEqual({ name: 'opus', pt: 96, clockRate: 48000, channels: 2, remoteParams: { useinbandfec: '1' } });
    expect(a.telephoneEvent).toEqual({ pt: 101, clockRate: 48000, events: '0-15' });
    expect(a.remote.rtcp).toEqual({ address: '192.168.0.20', port: 7079 });
  });

  it('Linphone best-effort with AES-256 enabled: tag 1 (RFC 6188)', () => {
    const key = Buffer.alloc(46, 0xb6);
    const { sdp, negotiated } = answerTo('linphone-best-effort-offer.sdp', bob('best-effort', undefined, { srtpSuites: ['AES_256_CM_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_80'], keys: { AES_256_CM_HMAC_SHA1_80: key } }));
    expect(sdp).toContain(`a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:${key.toString('base64')}\r\n`);
    expect(negotiated.audio.security).toMatchObject({ kind: 'sdes', tag: 1, suite: 'AES_256_CM_HMAC_SHA1_80', localKey: { keySalt: key } });
    if (negotiated.audio.security.kind !== 'sdes') throw new Error('sdes expected');
    expect(negotiated.audio.security.remoteKey.keySalt).toHaveLength(46);
  });

  it('Linphone best-effort to an answerer with SRTP off: plain RTP/AVP, no crypto', () => {
    const { sdp, negotiated } = answerTo('linphone-best-effort-offer.sdp', bob('off'));
    expect(sdp).not.toContain('a=crypto');
    expect(parseSdp(sdp).media[0]?.proto).toBe('RTP/AVP');
    expect(negotiated.audio.security).toEqual({ kind: 'none' });
  });

  it('Asterisk DTLS-SRTP: a=setup:active, our fingerprint, we are the DTLS client (RFC 5763 §5)', () => {
    const { sdp, negotiated } = answerTo('asterisk-dtls-offer.sdp', bob('dtls'));
    const m = parseSdp(sdp).media[0];
    expect(m?.proto).toBe('UDP/TLS/RTP/SAVP');
    expect(m?.setup).toBe('active');
    expect(m?.fingerprints).toEqual([BOB_FP]);
    expect(m?.formats).toEqual(['0', '8', '9', '101']);
    expect(sdp).toContain(`a=fingerprint:sha-256 ${BOB_FP.value}\r\n`);
    // Asterisk sends no a=tls-id, so none goes back (RFC 8842 §5.3).
    expect(sdp).not.toContain('tls-id');
    expect(negotiated.audio.security).toEqual({
      kind: 'dtls',
      role: 'client',
      localSetup: 'active',
      remoteSetup: 'actpass',
      remoteFingerprints: [{ algorithm: 'sha-256', value: '45:9C:2B:F3:95:33:D0:66:5F:A2:FA:EB:18:B8:A6:45:99:ED:98:39:A8:EB:F8:0F:9A:A0:83:76:16:35:9E:75' }],
    });
    expect(negotiated.audio.sendCodec.name).toBe('pcmu');
    expect(negotiated.audio.telephoneEvent).toEqual({ pt: 101, clockRate: 8000, events: '0-16' });
    expect(negotiated.audio.remote).toEqual({ rtp: { address: '203.0.113.5', port: 17822 }, rtcp: { address: '203.0.113.5', port: 17823 }, onHold: false });
  });

  it('Asterisk with ICE: our credentials and candidates go out, theirs come back in (RFC 8839)', () => {
    const { sdp, negotiated } = answerTo('asterisk-ice-offer.sdp', bob('off', undefined, { ice: BOB_ICE }));
    expect(sdp).toContain('a=ice-ufrag:BoB1\r\na=ice-pwd:bobsIcePasswordIsLongEnough\r\n');
    // "trickle" is dropped: we send complete candidate lists (RFC 8840 is not used).
    expect(sdp).toContain('a=ice-options:ice2\r\n');
    expect(sdp).toContain('a=candidate:1 1 UDP 2130706431 198.51.100.20 50000 typ host\r\n');
    expect(sdp).toContain('a=candidate:3 1 UDP 1694498815 203.0.113.99 61000 typ srflx raddr 198.51.100.20 rport 50000\r\n');
    expect(sdp).not.toContain('.local');
    expect(sdp).toContain('a=end-of-candidates\r\n');
    const ice = negotiated.audio.ice;
    expect(ice?.role).toBe('controlled');
    expect(ice?.remoteLite).toBe(false);
    expect(ice?.remote.ufrag).toBe('2c5d8f6a1b3e4a7c5d6e7f80');
    expect(ice?.remote.pwd).toBe('6d1e2f3a4b5c6d7e8f9a0b1c2d3e4f50');
    expect(ice?.remote.candidates.map((c: IceCandidate) => `${c.type} ${c.component} ${c.address}:${c.port}`)).toEqual([
      'host 1 192.168.1.5:12000',
      'host 2 192.168.1.5:12001',
      'srflx 1 198.51.100.20:12000',
      'srflx 2 198.51.100.20:12001',
      'relay 1 203.0.113.10:50510',
    ]);
    expect(ice?.remote.candidates[4]).toEqual({
      foundation: 'Rcb00710a',
      component: 1,
      transport: 'UDP',
      priority: 16777215,
      address: '203.0.113.10',
      port: 50510,
      type: 'relay',
      relAddr: '198.51.100.20',
      relPort: 12000,
    });
  });

  it('ICE roles: an ice-lite offerer makes us controlling; our ice-lite is declared at session level', () => {
    const lite = loadFixture('asterisk-ice-offer.sdp').replace('t=0 0\r\n', 't=0 0\r\na=ice-lite\r\n');
    expect(createAnswer(bobSession(), lite, bob('off', undefined, { ice: BOB_ICE })).negotiated.audio.ice).toMatchObject({ role: 'controlling', remoteLite: true });
    const ours = answerTo('asterisk-ice-offer.sdp', bob('off', undefined, { ice: { ...BOB_ICE, lite: true } }));
    expect(ours.sdp).toContain('t=0 0\r\na=ice-lite\r\n');
    expect(ours.negotiated.audio.ice?.role).toBe('controlled');
  });

  it('an ICE offer whose c= was rewritten by a middlebox gets a=ice-mismatch and no ICE (RFC 8839 §5.3)', () => {
    const rewritten = loadFixture('asterisk-ice-offer.sdp').replace('c=IN IP4 198.51.100.20', 'c=IN IP4 192.0.2.99');
    const { sdp, negotiated } = createAnswer(bobSession(), rewritten, bob('off', undefined, { ice: BOB_ICE }));
    expect(sdp).toContain('a=ice-mismatch\r\n');
    expect(sdp).not.toContain('a=ice-ufrag');
    expect(sdp).not.toContain('a=candidate');
    expect(negotiated.audio.ice).toBeUndefined();
    expect(negotiated.audio.remote.rtp).toEqual({ address: '192.0.2.99', port: 12000 });
  });

  it('an offer without ICE gets no ICE attributes even when we have an agent', () => {
    const { sdp, negotiated } = answerTo('sipp-uac-pcap-offer.sdp', bob('off', undefined, { ice: BOB_ICE }));
    expect(sdp).not.toContain('ice-ufrag');
    expect(sdp).not.toContain('candidate');
    expect(negotiated.audio.ice).toBeUndefined();
  });

  it("sipp's uac_pcap: PCMA and the events 0-11,16 it offered", () => {
    const { sdp, negotiated } = answerTo('sipp-uac-pcap-offer.sdp', bob('off'));
    expect(sdp).toContain('m=audio 50000 RTP/AVP 8 101\r\n');
    expect(sdp).toContain('a=fmtp:101 0-11,16\r\n');
    expect(negotiated.audio.sendCodec).toEqual({ name: 'pcma', pt: 8, clockRate: 8000, channels: 1, remoteParams: {} });
    expect(negotiated.audio.telephoneEvent).toEqual({ pt: 101, clockRate: 8000, events: '0-11,16' });
    expect(negotiated.audio.remote.rtp).toEqual({ address: '127.0.0.1', port: 6000 });
    expect(negotiated.audio.remote.rtcp).toEqual({ address: '127.0.0.1', port: 6001 });
  });

  it('a WebRTC browser: audio on UDP/TLS/RTP/SAVPF with rtcp-mux and ICE, video rejected with port 0', () => {
    const { sdp, negotiated } = answerTo('webrtc-browser-offer.sdp', bob('dtls', undefined, { ice: BOB_ICE }));
    const d = parseSdp(sdp);
    expect(d.media.map((m) => `${m.media} ${m.port} ${m.proto} ${m.formats.join(' ')}`)).toEqual([
      'audio 50000 UDP/TLS/RTP/SAVPF 111 9 0 8 110 126',
      'video 0 UDP/TLS/RTP/SAVPF 96 97 102',
    ]);
    expect(sdp).toContain('m=video 0 UDP/TLS/RTP/SAVPF 96 97 102\r\n');
    expect(sdp.endsWith('m=video 0 UDP/TLS/RTP/SAVPF 96 97 102\r\n')).toBe(true);
    const m = d.media[0];
    expect(m?.mid).toBe('0');
    expect(m?.rtcpMux).toBe(true);
    expect(m?.rtcp).toBeUndefined();
    expect(m?.setup).toBe('active');
    expect(m?.ice?.options).toEqual(['ice2']);
    const a = negotiated.audio;
    expect(a.mLineIndex).toBe(0);
    expect(a.sendCodec).toEqual({ name: 'opus', pt: 111, clockRate: 48000, channels: 2, remoteParams: { minptime: '10', useinbandfec: '1' } });
    expect(a.telephoneEvent).toEqual({ pt: 110, clockRate: 48000, events: '0-15' });
    expect(a.rtcpMux).toBe(true);
    expect(a.remote).toEqual({ rtp: { address: '198.51.100.7', port: 50000 }, rtcp: { address: '198.51.100.7', port: 50000 }, onHold: false });
    expect(a.security).toMatchObject({ kind: 'dtls', role: 'client', remoteSetup: 'actpass' });
    expect(a.ice?.remote.candidates).toHaveLength(3);
    expect(a.ice?.remote.options).toEqual(['trickle']);
  });

  it('a WebRTC browser to an answerer with SRTP off: 488, 302', () => {
    const e = negotiationError(() => answerTo('webrtc-browser-offer.sdp', bob('off')));
    expect(e.warningHeader('bob.example.org')).toBe('302 bob.example.org "Incompatible transport protocol"');
  });

  it('a c=0.0.0.0 hold re-INVITE is answered recvonly; our own hold makes it inactive (RFC 3264 §8.4)', () => {
    const { sdp, negotiated } = answerTo('hold-reinvite-c0.sdp', bob('off'));
    expect(sdp).toContain('a=recvonly\r\n');
    expect(negotiated.audio.direction).toBe('recvonly');
    expect(negotiated.audio.remote.onHold).toBe(true);
    expect(negotiated.audio.remote.rtp).toEqual({ address: '0.0.0.0', port: 17822 });
    const both = answerTo('hold-reinvite-c0.sdp', bob('off', undefined, { direction: 'sendonly' }));
    expect(both.negotiated.audio.direction).toBe('inactive');
    expect(both.sdp).toContain('a=inactive\r\n');
  });

  it('IPv6 recvonly offer: answered sendonly, RTCP to the a=rtcp address', () => {
    const { sdp, negotiated } = answerTo('ipv6-offer.sdp', bob('off'));
    expect(sdp).toContain('a=sendonly\r\n');
    expect(negotiated.audio.direction).toBe('sendonly');
    expect(negotiated.audio.sendCodec.name).toBe('g722');
    expect(negotiated.audio.remote).toEqual({ rtp: { address: '2001:db8::20', port: 49172 }, rtcp: { address: '2001:db8::21', port: 49180 }, onHold: false });
  });

  it('video only: 488 with 304 Media type not available', () => {
    const e = negotiationError(() => answerTo('video-only-offer.sdp'));
    expect(e.statusCode).toBe(488);
    expect(e.warnCode).toBe(304);
    expect(e.warningHeader('198.51.100.20')).toBe('304 198.51.100.20 "Media type not available"');
  });

  it('only codecs we lack (G.729, G.723, GSM): 488 with 305 Incompatible media format', () => {
    const e = negotiationError(() => answerTo('unknown-codecs-offer.sdp'));
    expect(e.warnCode).toBe(305);
    expect(e.warningHeader('bob.example.org')).toBe('305 bob.example.org "Incompatible media format"');
  });

  it('malformed offers: named errors for a 400', () => {
    expect(() => answerTo('malformed-missing-c.sdp')).toThrow(SdpParseError);
    expect(() => answerTo('malformed-missing-c.sdp')).toThrow('SDP: missing c= for audio m-line');
    expect(() => answerTo('malformed-bad-crypto-key.sdp')).toThrow(SdpCryptoError);
  });
});
