import { describe, expect, it } from 'vitest';
import {
  applyAnswer,
  createAnswer,
  createOffer,
  parseSdp,
  SdpNegotiationError,
  writeSdp,
  type CodecName,
  type NegotiatedMedia,
  type SrtpMode,
} from '../../main/sdp';
import type { LocalIce } from '../../main/sdp';
import { ALICE_FP, ALICE_KEYS, ALICE_TLS_ID, BOB_FP, BOB_KEYS, BOB_TLS_ID, alice, aliceSession, bob, bobSession } from './sides';

const ALICE_ICE: LocalIce = {
  ufrag: 'AlIc',
  pwd: 'alicesIcePasswordIsLongEnough',
  candidates: [{ foundation: '1', component: 1, transport: 'UDP', priority: 2130706431, address: '192.0.2.10', port: 40000, type: 'host' }],
};
const BOB_ICE: LocalIce = {
  ufrag: 'BoB1',
  pwd: 'bobsIcePasswordIsLongEnough',
  candidates: [
    { foundation: '7', component: 1, transport: 'UDP', priority: 2130706431, address: '198.51.100.20', port: 50000, type: 'host' },
    { foundation: '8', component: 1, transport: 'UDP', priority: 1694498815, address: '203.0.113.99', port: 61000, type: 'srflx', relAddr: '198.51.100.20', relPort: 50000 },
  ],
};

/** Alice offers, Bob answers, Alice takes the answer: both sides' negotiated audio. */
function call(aliceOptions: ReturnType<typeof alice>, bobOptions: ReturnType<typeof bob>): { a: NegotiatedMedia; b: NegotiatedMedia; offer: string; answer: string } {
  const offer = createOffer(aliceSession(), aliceOptions);
  const answer = createAnswer(bobSession(), offer.sdp, bobOptions);
  const a = applyAnswer(offer.description, answer.sdp).audio;
  return { a, b: answer.negotiated.audio, offer: offer.sdp, answer: answer.sdp };
}

const PROFILES: Record<SrtpMode, string> = { off: 'RTP/AVP', mandatory: 'RTP/SAVP', 'best-effort': 'RTP/AVP', dtls: 'UDP/TLS/RTP/SAVP' };

const CODEC_LISTS: [CodecName[] | undefined, { name: CodecName; pt: number; te: [number, number] }][] = [
  [undefined, { name: 'opus', pt: 111, te: [110, 48000] }],
  [['opus'], { name: 'opus', pt: 111, te: [110, 48000] }],
  [['pcmu'], { name: 'pcmu', pt: 0, te: [101, 8000] }],
  [['opus', 'pcmu'], { name: 'opus', pt: 111, te: [110, 48000] }],
  [['pcma', 'opus'], { name: 'pcma', pt: 8, te: [101, 8000] }],
  [['g722', 'pcma'], { name: 'g722', pt: 9, te: [101, 8000] }],
];

describe('sdp: offer/answer between two LiteSIP sides', () => {
  for (const mode of ['off', 'mandatory', 'best-effort', 'dtls'] as const) {
    for (const [codecs, expected] of CODEC_LISTS) {
      it(`${mode}, codecs ${codecs?.join(',') ?? 'default'}`, () => {
        const { a, b, offer, answer } = call(alice(mode, codecs), bob(mode));
        expect(parseSdp(offer).media[0]?.proto).toBe(PROFILES[mode]);
        expect(parseSdp(answer).media[0]?.proto).toBe(PROFILES[mode]);
        for (const side of [a, b]) {
          expect(side.sendCodec.name).toBe(expected.name);
          expect(side.sendCodec.pt).toBe(expected.pt);
          expect([side.telephoneEvent?.pt, side.telephoneEvent?.clockRate]).toEqual(expected.te);
          expect(side.telephoneEvent?.events).toBe('0-16');
          expect(side.direction).toBe('sendrecv');
          expect(side.rtcpMux).toBe(true);
          expect(side.remotePtime).toBe(20);
        }
        expect(a.codecs.map((c) => c.name)).toEqual(codecs ?? ['opus', 'g722', 'pcmu', 'pcma']);
        expect(a.local).toEqual({ rtpPort: 40000, rtcpPort: 40000 });
        expect(a.remote).toEqual({ rtp: { address: '198.51.100.20', port: 50000 }, rtcp: { address: '198.51.100.20', port: 50000 }, onHold: false });
        expect(b.remote).toEqual({ rtp: { address: '192.0.2.10', port: 40000 }, rtcp: { address: '192.0.2.10', port: 40000 }, onHold: false });
        if (mode === 'off') {
          expect(a.security).toEqual({ kind: 'none' });
          expect(b.security).toEqual({ kind: 'none' });
        } else if (mode === 'dtls') {
          const tlsIds = { localTlsId: ALICE_TLS_ID, remoteTlsId: BOB_TLS_ID };
          expect(a.security).toEqual({ kind: 'dtls', role: 'server', localSetup: 'passive', remoteSetup: 'active', remoteFingerprints: [BOB_FP], ...tlsIds });
          expect(b.security).toEqual({
            kind: 'dtls',
            role: 'client',
            localSetup: 'active',
            remoteSetup: 'actpass',
            remoteFingerprints: [ALICE_FP],
            localTlsId: BOB_TLS_ID,
            remoteTlsId: ALICE_TLS_ID,
          });
          expect(offer).toContain(`a=tls-id:${ALICE_TLS_ID}\r\n`);
          expect(answer).toContain(`a=tls-id:${BOB_TLS_ID}\r\n`);
        } else {
          expect(a.security).toEqual({
            kind: 'sdes',
            suite: 'AES_CM_128_HMAC_SHA1_80',
            tag: 1,
            localKey: { keySalt: ALICE_KEYS.AES_CM_128_HMAC_SHA1_80 },
            remoteKey: { keySalt: BOB_KEYS.AES_CM_128_HMAC_SHA1_80 },
          });
          expect(b.security).toEqual({
            kind: 'sdes',
            suite: 'AES_CM_128_HMAC_SHA1_80',
            tag: 1,
            localKey: { keySalt: BOB_KEYS.AES_CM_128_HMAC_SHA1_80 },
            remoteKey: { keySalt: ALICE_KEYS.AES_CM_128_HMAC_SHA1_80 },
          });
        }
      });
    }
  }

  it('parses its own offers and answers back to the same text', () => {
    for (const mode of ['off', 'mandatory', 'best-effort', 'dtls'] as const) {
      const offer = createOffer(aliceSession(), alice(mode, undefined, { ice: ALICE_ICE, rtcpMux: mode !== 'off' }));
      expect(writeSdp(parseSdp(offer.sdp))).toBe(offer.sdp);
      const answer = createAnswer(bobSession(), offer.sdp, bob(mode, undefined, { ice: BOB_ICE }));
      expect(writeSdp(parseSdp(answer.sdp))).toBe(answer.sdp);
    }
  });

  it('runs ICE between two LiteSIP sides: the offerer controls, candidates cross', () => {
    const { a, b, offer, answer } = call(alice('dtls', ['opus'], { ice: ALICE_ICE }), bob('dtls', undefined, { ice: BOB_ICE }));
    expect(offer).toContain('a=candidate:1 1 UDP 2130706431 192.0.2.10 40000 typ host\r\n');
    expect(answer).toContain('a=candidate:7 1 UDP 2130706431 198.51.100.20 50000 typ host\r\n');
    expect(a.ice).toEqual({ remote: { ufrag: 'BoB1', pwd: 'bobsIcePasswordIsLongEnough', options: [], candidates: BOB_ICE.candidates, endOfCandidates: true }, remoteLite: false, role: 'controlling' });
    expect(b.ice).toEqual({ remote: { ufrag: 'AlIc', pwd: 'alicesIcePasswordIsLongEnough', options: [], candidates: ALICE_ICE.candidates, endOfCandidates: true }, remoteLite: false, role: 'controlled' });
  });

  it('writes the offer line by line as expected (SDES mandatory, opus and PCMU)', () => {
    const offer = createOffer(aliceSession(), alice('mandatory', ['opus', 'pcmu'], { opus: { dtx: true, maxAverageBitrate: 32000 } }));
    expect(offer.sdp.split('\r\n')).toEqual([
      'v=0',
      'o=alice 1001 1 IN IP4 192.0.2.10',
      's=-',
      'c=IN IP4 192.0.2.10',
      't=0 0',
      'm=audio 40000 RTP/SAVP 111 0 110 101',
      'a=rtpmap:111 opus/48000/2',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:110 telephone-event/48000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:111 useinbandfec=1;usedtx=1;maxaveragebitrate=32000',
      'a=fmtp:110 0-16',
      'a=fmtp:101 0-16',
      `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${ALICE_KEYS.AES_CM_128_HMAC_SHA1_80.toString('base64')}`,
      `a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:${ALICE_KEYS.AES_CM_128_HMAC_SHA1_32.toString('base64')}`,
      `a=crypto:3 AEAD_AES_128_GCM inline:${ALICE_KEYS.AEAD_AES_128_GCM.toString('base64')}`,
      'a=ptime:20',
      'a=sendrecv',
      'a=rtcp-mux',
      '',
    ]);
  });

  it('an rtcp-mux offer names its RTCP port too, where a peer that declines muxing sends RTCP (RFC 5761 §5.1.1)', () => {
    const declined = call(alice('off', ['pcmu'], { rtcpPort: 40009 }), bob('off', undefined, { rtcpMux: false }));
    expect(declined.offer).toContain('a=rtcp:40009\r\n');
    expect(declined.offer).toContain('a=rtcp-mux\r\n');
    expect(declined.a.rtcpMux).toBe(false);
    expect(declined.a.local.rtcpPort).toBe(40009);
    expect(declined.b.remote.rtcp).toEqual({ address: '192.0.2.10', port: 40009 });
    const accepted = call(alice('off', ['pcmu'], { rtcpPort: 40009 }), bob('off'));
    expect(accepted.a.rtcpMux && accepted.b.rtcpMux).toBe(true);
    expect(accepted.b.remote.rtcp).toEqual({ address: '192.0.2.10', port: 40000 });
    // with ICE too, when c=/m= are our host candidate (a peer without ICE uses them); not for a relay
    expect(createOffer(aliceSession(), alice('off', ['pcmu'], { rtcpPort: 40009, ice: ALICE_ICE })).sdp).toContain('a=rtcp:40009\r\n');
    const relayed = { ...ALICE_ICE, candidates: [{ foundation: '2', component: 1, transport: 'UDP', priority: 16777215, address: '203.0.113.5', port: 61000, type: 'relay' as const }] };
    expect(createOffer(aliceSession(), alice('off', ['pcmu'], { address: '203.0.113.5', port: 61000, rtcpPort: 40009, ice: relayed })).sdp).not.toContain('a=rtcp:');
    // the usual RTP port + 1 needs no attribute
    expect(call(alice('off', ['pcmu'], { rtcpPort: 40001 }), bob('off')).offer).not.toContain('a=rtcp:');
  });

  it('offers a=rtcp and no rtcp-mux when muxing is off, and then uses port + 1 (RFC 3605, RFC 3550 §11)', () => {
    const { a, b, offer } = call(alice('off', ['pcmu'], { rtcpMux: false, rtcpPort: 40009 }), bob('off'));
    expect(offer).toContain('a=rtcp:40009\r\n');
    expect(offer).not.toContain('rtcp-mux');
    expect(a.rtcpMux).toBe(false);
    expect(a.local).toEqual({ rtpPort: 40000, rtcpPort: 40009 });
    expect(a.remote.rtcp).toEqual({ address: '198.51.100.20', port: 50001 });
    expect(b.remote.rtcp).toEqual({ address: '192.0.2.10', port: 40009 });
    expect(b.local).toEqual({ rtpPort: 50000, rtcpPort: 50001 });
  });

  it('offers telephone-event at the clock rates of the offered codecs and at 8000 Hz, or not at all', () => {
    expect(parseSdp(createOffer(aliceSession(), alice('off', ['opus'])).sdp).media[0]?.formats).toEqual(['111', '110', '101']);
    expect(parseSdp(createOffer(aliceSession(), alice('off', ['pcma', 'g722'])).sdp).media[0]?.formats).toEqual(['8', '9', '101']);
    expect(parseSdp(createOffer(aliceSession(), alice('off', ['pcmu'], { telephoneEvent: false })).sdp).media[0]?.formats).toEqual(['0']);
  });

  it('answers in the offerer order by default, in ours on request (RFC 3264 §6.1)', () => {
    expect(call(alice('off', ['pcmu', 'opus']), bob('off', ['opus', 'pcmu'])).b.sendCodec.name).toBe('pcmu');
    const ours = call(alice('off', ['pcmu', 'opus']), bob('off', ['opus', 'pcmu'], { answerOrder: 'ours' }));
    expect(ours.b.sendCodec.name).toBe('opus');
    expect(ours.a.sendCodec.name).toBe('opus');
    expect(parseSdp(ours.answer).media[0]?.formats).toEqual(['111', '0', '101', '110']);
  });

  it('picks the suite the offerer prefers among ours', () => {
    const { a, b } = call(alice('mandatory', ['pcmu'], { srtpSuites: ['AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80'] }), bob('mandatory'));
    expect(b.security).toMatchObject({ kind: 'sdes', suite: 'AEAD_AES_128_GCM', tag: 1 });
    expect(a.security).toMatchObject({ kind: 'sdes', suite: 'AEAD_AES_128_GCM', tag: 1, remoteKey: { keySalt: BOB_KEYS.AEAD_AES_128_GCM } });
    const onlyThirty = call(alice('mandatory', ['pcmu']), bob('mandatory', undefined, { srtpSuites: ['AES_CM_128_HMAC_SHA1_32'] }));
    expect(onlyThirty.a.security).toMatchObject({ suite: 'AES_CM_128_HMAC_SHA1_32', tag: 2 });
  });

  it('makes fresh keys when none are given', () => {
    const offer = createOffer(aliceSession(), { address: '192.0.2.10', port: 40000, srtp: 'best-effort' });
    const again = createOffer(aliceSession(), { address: '192.0.2.10', port: 40000, srtp: 'best-effort' });
    const keys = (sdp: string): string[] => parseSdp(sdp).media[0]?.crypto.map((c) => c.rawKeyParams) ?? [];
    expect(keys(offer.sdp)).toHaveLength(3);
    expect(keys(offer.sdp)).not.toEqual(keys(again.sdp));
  });

  it('refuses a DTLS offer without our fingerprint', () => {
    expect(() => createOffer(aliceSession(), { address: '192.0.2.10', port: 40000, srtp: 'dtls' })).toThrow(RangeError);
  });

  it('offers over IPv6', () => {
    const session = { ...aliceSession(), origin: { ...aliceSession().origin, addrType: 'IP6' as const, address: '2001:db8::10' } };
    const offer = createOffer(session, alice('off', ['pcmu'], { address: '2001:db8::10' }));
    expect(offer.sdp).toContain('o=alice 1001 1 IN IP6 2001:db8::10\r\n');
    expect(offer.sdp).toContain('c=IN IP6 2001:db8::10\r\n');
    const answer = createAnswer(bobSession(), offer.sdp, bob('off'));
    expect(answer.negotiated.audio.remote.rtp).toEqual({ address: '2001:db8::10', port: 40000 });
  });
});

describe('sdp: security mode against security mode', () => {
  const accepted: [SrtpMode, SrtpMode, string, string][] = [
    ['best-effort', 'off', 'RTP/AVP', 'none'],
    ['best-effort', 'best-effort', 'RTP/AVP', 'sdes'],
    ['best-effort', 'mandatory', 'RTP/AVP', 'sdes'],
    ['off', 'best-effort', 'RTP/AVP', 'none'],
    ['mandatory', 'best-effort', 'RTP/SAVP', 'sdes'],
    ['mandatory', 'dtls', 'RTP/SAVP', 'sdes'],
    ['dtls', 'best-effort', 'UDP/TLS/RTP/SAVP', 'dtls'],
    ['dtls', 'mandatory', 'UDP/TLS/RTP/SAVP', 'dtls'],
  ];
  for (const [offerer, answerer, proto, kind] of accepted) {
    it(`${offerer} offer, ${answerer} answerer: ${proto} with ${kind}`, () => {
      const { a, b, answer } = call(alice(offerer, ['pcmu']), bob(answerer));
      expect(parseSdp(answer).media[0]?.proto).toBe(proto);
      expect(a.security.kind).toBe(kind);
      expect(b.security.kind).toBe(kind);
      if (kind === 'none') expect(answer).not.toContain('a=crypto');
    });
  }

  const refused: [SrtpMode, SrtpMode][] = [
    ['off', 'mandatory'],
    ['off', 'dtls'],
    ['mandatory', 'off'],
    ['dtls', 'off'],
  ];
  for (const [offerer, answerer] of refused) {
    it(`${offerer} offer, ${answerer} answerer: 488 with 302 Incompatible transport protocol`, () => {
      const offer = createOffer(aliceSession(), alice(offerer, ['pcmu']));
      const attempt = (): unknown => createAnswer(bobSession(), offer.sdp, bob(answerer));
      expect(attempt).toThrow(SdpNegotiationError);
      try {
        attempt();
      } catch (e) {
        expect((e as SdpNegotiationError).warningHeader('bob.example.org')).toBe('302 bob.example.org "Incompatible transport protocol"');
      }
    });
  }

  it('refuses a DTLS offer when we have no certificate', () => {
    const offer = createOffer(aliceSession(), alice('dtls', ['pcmu']));
    expect(() => createAnswer(bobSession(), offer.sdp, { address: '198.51.100.20', port: 50000, srtp: 'dtls' })).toThrow('SDP: DTLS-SRTP offered but we have no certificate');
  });

  it('refuses when no codec is common: 488 with 305', () => {
    const offer = createOffer(aliceSession(), alice('off', ['opus']));
    try {
      createAnswer(bobSession(), offer.sdp, bob('off', ['pcmu', 'pcma']));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SdpNegotiationError);
      expect((e as SdpNegotiationError).warnCode).toBe(305);
      expect((e as Error).message).toBe('SDP: no common audio codec');
    }
  });
});
