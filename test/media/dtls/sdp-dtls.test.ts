import { describe, expect, it } from 'vitest';
import { readMediaFlags } from '../../../main/cli/media-flags';
import { applyAnswer, createAnswer, createOffer, parseSdp, SdpAnswerMismatchError, SdpNegotiationError } from '../../../main/sdp';
import { alice, aliceSession, ALICE_FP, bob, bobSession, BOB_FP } from '../../sdp/sides';

const offerWith = (edit: (sdp: string) => string): string => edit(createOffer(aliceSession(), alice('dtls', ['pcmu'])).sdp);

describe('a=fingerprint and a=setup in offers and answers (RFC 5763 §5, RFC 4145 §4, RFC 8122 §5)', () => {
  it('offer: actpass, our fingerprint, our tls-id, UDP/TLS/RTP/SAVP, no a=crypto', () => {
    const sdp = createOffer(aliceSession(), alice('dtls', ['pcmu'])).sdp;
    expect(sdp).toContain('m=audio 40000 UDP/TLS/RTP/SAVP 0 101\r\n');
    expect(sdp).toContain(`a=fingerprint:sha-256 ${ALICE_FP.value}\r\n`);
    expect(sdp).toContain('a=setup:actpass\r\n');
    expect(sdp).toMatch(/a=tls-id:alice-tls-id-0123456789\r\n/);
    expect(sdp).not.toContain('a=crypto');
  });

  it('answer: active to actpass, passive to active, active to passive; the offerer takes the opposite', () => {
    for (const [offered, answered, aliceRole] of [
      ['actpass', 'active', 'server'],
      ['active', 'passive', 'client'],
      ['passive', 'active', 'server'],
    ] as const) {
      const offer = createOffer(aliceSession(), alice('dtls', ['pcmu']));
      const edited = offer.sdp.replace('a=setup:actpass', `a=setup:${offered}`);
      const answer = createAnswer(bobSession(), edited, bob('best-effort'));
      expect(answer.sdp).toContain(`a=setup:${answered}\r\n`);
      expect(answer.sdp).toContain(`a=fingerprint:sha-256 ${BOB_FP.value}\r\n`);
      const a = applyAnswer({ ...offer.description, media: offer.description.media.map((m) => ({ ...m, setup: offered })) }, answer.sdp).audio;
      expect(a.security).toMatchObject({ kind: 'dtls', role: aliceRole, remoteFingerprints: [BOB_FP] });
    }
  });

  it('answer to a re-offer with actpass keeps the role of the running association', () => {
    const offer = createOffer(aliceSession(), alice('dtls', ['pcmu'])).sdp;
    expect(createAnswer(bobSession(), offer, bob('best-effort', undefined, { dtlsSetup: 'passive' })).sdp).toContain('a=setup:passive\r\n');
    expect(createAnswer(bobSession(), offer, bob('best-effort', undefined, { dtlsSetup: 'active' })).sdp).toContain('a=setup:active\r\n');
    // a fixed role in the offer wins over ours
    const active = offer.replace('a=setup:actpass', 'a=setup:active');
    expect(createAnswer(bobSession(), active, bob('best-effort', undefined, { dtlsSetup: 'active' })).sdp).toContain('a=setup:passive\r\n');
  });

  it('an offer without a=setup is active (RFC 4145 §4.1), so we answer passive', () => {
    const answer = createAnswer(bobSession(), offerWith((s) => s.replace('a=setup:actpass\r\n', '')), bob('mandatory'));
    expect(answer.sdp).toContain('a=setup:passive\r\n');
    expect(answer.negotiated.audio.security).toMatchObject({ kind: 'dtls', role: 'server', remoteSetup: 'active' });
  });

  it('refuses with 488: no fingerprint, only an MD5 fingerprint, holdconn, SRTP off, no certificate of ours', () => {
    const refusal = (offer: string, options = bob('best-effort')): SdpNegotiationError => {
      try {
        createAnswer(bobSession(), offer, options);
      } catch (err) {
        if (err instanceof SdpNegotiationError) return err;
        throw err;
      }
      throw new Error('answered');
    };
    expect(refusal(offerWith((s) => s.replace(/a=fingerprint:[^\r]*\r\n/, ''))).message).toMatch(/without a usable a=fingerprint/);
    expect(refusal(offerWith((s) => s.replace(/a=fingerprint:sha-256 [^\r]*/, 'a=fingerprint:md5 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99'))).message).toMatch(/usable a=fingerprint/);
    expect(refusal(offerWith((s) => s.replace('a=setup:actpass', 'a=setup:holdconn'))).message).toMatch(/holdconn/);
    expect(refusal(offerWith((s) => s), bob('off')).message).toMatch(/SRTP is turned off/);
    const { fingerprint: _unused, ...noCert } = bob('best-effort');
    expect(refusal(offerWith((s) => s), noCert).message).toMatch(/no certificate/);
  });

  it('the offerer refuses an answer without a fingerprint or with a=setup:actpass', () => {
    const offer = createOffer(aliceSession(), alice('dtls', ['pcmu']));
    const answer = createAnswer(bobSession(), offer.sdp, bob('best-effort')).sdp;
    expect(() => applyAnswer(offer.description, answer.replace(/a=fingerprint:[^\r]*\r\n/, ''))).toThrow(SdpAnswerMismatchError);
    expect(() => applyAnswer(offer.description, answer.replace('a=setup:active', 'a=setup:actpass'))).toThrow(/not a valid answer/);
  });

  it('a session-level a=fingerprint applies to the media (RFC 8122 §5)', () => {
    const offer = offerWith((s) => {
      const fp = /a=fingerprint:[^\r]*\r\n/.exec(s)![0];
      return s.replace(fp, '').replace('t=0 0\r\n', `t=0 0\r\n${fp}`);
    });
    expect(parseSdp(offer).media[0]!.fingerprints).toEqual([ALICE_FP]);
    expect(createAnswer(bobSession(), offer, bob('best-effort')).negotiated.audio.security).toMatchObject({ remoteFingerprints: [ALICE_FP] });
  });
});

describe('--srtp dtls on the command line', () => {
  it('is accepted, and a wrong mode names the choices', () => {
    expect(readMediaFlags({ srtp: 'dtls' })).toEqual({ srtp: 'dtls' });
    expect(() => readMediaFlags({ srtp: 'zrtp' })).toThrow(/mandatory, best-effort, off or dtls/);
  });
});
