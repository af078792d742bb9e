import { describe, expect, it } from 'vitest';
import { applyAnswer, createAnswer, createOffer, SdpAnswerMismatchError, type StampedDescription } from '../../main/sdp';
import { ALICE_FP, ALICE_KEYS, ALICE_TLS_ID, BOB_FP, alice, aliceSession, bob, bobSession } from './sides';

const HEAD = ['v=0', 'o=bob 2002 7 IN IP4 198.51.100.20', 's=-', 'c=IN IP4 198.51.100.20', 't=0 0'];
const KEY = Buffer.alloc(30, 0xb1).toString('base64');

function answer(...media: string[]): string {
  return [...HEAD, ...media, ''].join('\r\n');
}

function offer(mode: Parameters<typeof alice>[0] = 'off', extra: Parameters<typeof alice>[2] = {}): StampedDescription {
  return createOffer(aliceSession(), alice(mode, ['opus', 'pcmu'], extra));
}

function mismatch(fn: () => unknown, message: string): void {
  expect(fn).toThrow(SdpAnswerMismatchError);
  expect(fn).toThrow(message);
}

describe('sdp: taking the answer to our offer (RFC 3264 §6, §7)', () => {
  it('reads a plain answer: codec, telephone-event, addresses, peer ptime', () => {
    const n = applyAnswer(
      offer().description,
      answer('m=audio 30000 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', 'a=ptime:30', 'a=sendrecv'),
    );
    expect(n.remoteOrigin.sessionVersion).toBe(7n);
    expect(n.audio).toEqual({
      mLineIndex: 0,
      proto: 'RTP/AVP',
      direction: 'sendrecv',
      sendCodec: { name: 'pcmu', pt: 0, clockRate: 8000, channels: 1, remoteParams: {} },
      codecs: [{ name: 'pcmu', pt: 0, clockRate: 8000, channels: 1, remoteParams: {} }],
      telephoneEvent: { pt: 101, clockRate: 8000, events: '0-15' },
      remotePtime: 30,
      localPtime: 20,
      rtcpMux: false,
      local: { rtpPort: 40000, rtcpPort: 40001 },
      remote: { rtp: { address: '198.51.100.20', port: 30000 }, rtcp: { address: '198.51.100.20', port: 30001 }, onHold: false },
      security: { kind: 'none' },
    });
  });

  it('sends with the answer payload type when the answerer renumbered a dynamic codec', () => {
    const n = applyAnswer(offer().description, answer('m=audio 30000 RTP/AVP 96 100', 'a=rtpmap:96 opus/48000/2', 'a=rtpmap:100 telephone-event/48000', 'a=rtcp-mux'));
    expect(n.audio.sendCodec).toMatchObject({ name: 'opus', pt: 96 });
    expect(n.audio.telephoneEvent).toEqual({ pt: 100, clockRate: 48000, events: '0-15' });
    expect(n.audio.rtcpMux).toBe(true);
    expect(n.audio.local).toEqual({ rtpPort: 40000, rtcpPort: 40000 });
  });

  it('has no telephone-event when the answer has none', () => {
    expect(applyAnswer(offer().description, answer('m=audio 30000 RTP/AVP 0')).audio.telephoneEvent).toBeUndefined();
  });

  it('ignores an rtcp-mux we did not offer (RFC 8035)', () => {
    const n = applyAnswer(offer('off', { rtcpMux: false }).description, answer('m=audio 30000 RTP/AVP 0', 'a=rtcp-mux'));
    expect(n.audio.rtcpMux).toBe(false);
    expect(n.audio.remote.rtcp.port).toBe(30001);
  });

  it('combines directions: our hold with their recvonly, their c=0.0.0.0 with our sendrecv', () => {
    expect(applyAnswer(offer('off', { direction: 'sendonly' }).description, answer('m=audio 30000 RTP/AVP 0', 'a=recvonly')).audio.direction).toBe('sendonly');
    const held = applyAnswer(offer().description, [...HEAD.slice(0, 3), 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 30000 RTP/AVP 0', ''].join('\r\n'));
    expect(held.audio.direction).toBe('recvonly');
    expect(held.audio.remote.onHold).toBe(true);
  });

  it('best-effort offer answered without crypto: plain RTP', () => {
    expect(applyAnswer(offer('best-effort').description, answer('m=audio 30000 RTP/AVP 0')).audio.security).toEqual({ kind: 'none' });
  });

  it('best-effort offer answered with crypto: SDES on RTP/AVP', () => {
    const n = applyAnswer(offer('best-effort').description, answer('m=audio 30000 RTP/AVP 0', `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`));
    expect(n.audio.security).toEqual({
      kind: 'sdes',
      suite: 'AES_CM_128_HMAC_SHA1_80',
      tag: 1,
      localKey: { keySalt: ALICE_KEYS.AES_CM_128_HMAC_SHA1_80 },
      remoteKey: { keySalt: Buffer.alloc(30, 0xb1), lifetime: 2 ** 31 },
    });
  });

  it('best-effort offer answered on RTP/SAVP with crypto, as some phones do: SDES', () => {
    const n = applyAnswer(offer('best-effort').description, answer('m=audio 30000 RTP/SAVP 0', `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`));
    expect(n.audio.security).toMatchObject({ kind: 'sdes', tag: 1 });
    expect(n.audio.proto).toBe('RTP/AVP');
  });

  it('DTLS: an active answer makes us the server, a passive one the client, none means active', () => {
    const fp = `a=fingerprint:SHA-256 ${BOB_FP.value}`;
    const o = offer('dtls').description;
    expect(applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', fp, 'a=setup:active')).audio.security).toEqual({
      kind: 'dtls',
      role: 'server',
      localSetup: 'passive',
      remoteSetup: 'active',
      remoteFingerprints: [BOB_FP],
      localTlsId: ALICE_TLS_ID,
    });
    const withId = applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', fp, 'a=setup:active', 'a=tls-id:abcdefghijklmnopqrstuvwxyz'));
    expect(withId.audio.security).toMatchObject({ localTlsId: ALICE_TLS_ID, remoteTlsId: 'abcdefghijklmnopqrstuvwxyz' });
    expect(applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', fp, 'a=setup:passive')).audio.security).toMatchObject({ role: 'client', localSetup: 'active' });
    expect(applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', fp)).audio.security).toMatchObject({ role: 'server', remoteSetup: 'active' });
    mismatch(() => applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', fp, 'a=setup:actpass')), 'SDP: a=setup:actpass is not a valid answer');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', 'a=setup:active')), 'SDP: DTLS-SRTP answer without a usable a=fingerprint');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 UDP/TLS/RTP/SAVP 0', 'a=fingerprint:md5 00:11', 'a=setup:active')), 'usable a=fingerprint');
    expect(o.media[0]?.fingerprints).toEqual([ALICE_FP]);
  });

  it('ICE: we control as the full offerer (RFC 8445 §6.1.1)', () => {
    const o = offer('off', { ice: { ufrag: 'AlIc', pwd: 'alicesIcePasswordIsLongEnough', candidates: [] } });
    expect(o.sdp).toContain('a=ice-ufrag:AlIc\r\n');
    const n = applyAnswer(o.description, answer('m=audio 30000 RTP/AVP 0', 'a=ice-ufrag:BoB1', 'a=ice-pwd:bobsIcePasswordIsLongEnough', 'a=candidate:1 1 UDP 2130706431 198.51.100.20 30000 typ host'));
    expect(n.audio.ice?.role).toBe('controlling');
    expect(n.audio.ice?.remote.candidates).toHaveLength(1);
    expect(applyAnswer(offer().description, answer('m=audio 30000 RTP/AVP 0', 'a=ice-ufrag:BoB1', 'a=ice-pwd:bobsIcePasswordIsLongEnough')).audio.ice).toBeUndefined();
    expect(applyAnswer(o.description, answer('m=audio 30000 RTP/AVP 0', 'a=ice-mismatch')).audio.ice).toBeUndefined();
  });

  it('refuses answers that do not fit the offer', () => {
    const o = offer().description;
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/AVP 0', 'm=video 0 RTP/AVP 96')), 'SDP: answer has 2 m-lines, offer had 1');
    mismatch(() => applyAnswer(o, answer('m=video 30000 RTP/AVP 0')), 'SDP: m-line 0 is video, offered audio');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/AVP 18', 'a=rtpmap:18 G729/8000')), 'SDP: the answer has payload type 18 (G729), which was not offered');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/AVP 97')), 'SDP: the answer has payload type 97, which was not offered');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/AVP 101', 'a=rtpmap:101 telephone-event/8000')), 'SDP: the answer has no codec we offered');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/SAVP 0')), 'SDP: answer uses RTP/SAVP, offered RTP/AVP');
    mismatch(() => applyAnswer(o, answer('m=audio 0 RTP/AVP 0')), 'SDP: the answer rejected our audio stream');
  });

  it('refuses SDES answers that do not fit (RFC 4568 §7.1.2)', () => {
    const o = offer('mandatory').description;
    const key = `inline:${KEY}`;
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/SAVP 0')), 'SDP: RTP/SAVP answer without a=crypto');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/SAVP 0', `a=crypto:9 AES_CM_128_HMAC_SHA1_80 ${key}`)), 'SDP: a=crypto tag 9 in the answer does not match the offer');
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/SAVP 0', `a=crypto:2 AES_CM_128_HMAC_SHA1_80 ${key}`)), 'does not match the offer');
    mismatch(
      () => applyAnswer(o, answer('m=audio 30000 RTP/SAVP 0', `a=crypto:1 AES_CM_128_HMAC_SHA1_80 ${key}`, `a=crypto:2 AES_CM_128_HMAC_SHA1_32 ${key}`)),
      'SDP: the answer must carry exactly one a=crypto we offered',
    );
    mismatch(() => applyAnswer(o, answer('m=audio 30000 RTP/SAVP 0', `a=crypto:1 AES_CM_128_HMAC_SHA1_80 ${key}|1:4`)), 'SDP: the answered a=crypto needs exactly one key without MKI');
  });

  it('INVITE without SDP: our offer goes in the 200, the answer comes in the ACK', () => {
    // The UAS offers first; the UAC answers later. The same functions serve both orders.
    const inOk = createOffer(bobSession(), bob('best-effort', ['pcma', 'opus']));
    const inAck = createAnswer(aliceSession(), inOk.sdp, alice('mandatory'));
    const uas = applyAnswer(inOk.description, inAck.sdp);
    expect(uas.audio.sendCodec.name).toBe('pcma');
    expect(inAck.negotiated.audio.sendCodec.name).toBe('pcma');
    expect(uas.audio.security).toMatchObject({ kind: 'sdes', tag: 1 });
    expect(uas.remoteOrigin).toEqual(inAck.description.origin);
    expect(inAck.negotiated.remoteOrigin).toEqual(inOk.description.origin);
  });
});

describe('sdp: several m-lines in one offer', () => {
  it('takes the first usable audio stream and rejects the rest, keeping offered port-0 lines at 0', () => {
    const body = [
      'v=0',
      'o=- 5 5 IN IP4 192.0.2.50',
      's=-',
      'c=IN IP4 192.0.2.50',
      't=0 0',
      'm=audio 0 RTP/AVP 0',
      'm=audio 20000 RTP/AVP 18',
      'a=rtpmap:18 G729/8000',
      'm=audio 20002 RTP/AVP 8',
      'm=audio 20004 RTP/AVP 0',
      'm=text 20006 RTP/AVP 98',
      'a=rtpmap:98 t140/1000',
      '',
    ].join('\r\n');
    const { sdp, negotiated } = createAnswer(bobSession(), body, bob('off'));
    expect(sdp.split('\r\n').filter((l) => l.startsWith('m='))).toEqual([
      'm=audio 0 RTP/AVP 0',
      'm=audio 0 RTP/AVP 18',
      'm=audio 50000 RTP/AVP 8',
      'm=audio 0 RTP/AVP 0',
      'm=text 0 RTP/AVP 98',
    ]);
    expect(negotiated.audio.mLineIndex).toBe(2);
    expect(negotiated.audio.sendCodec.name).toBe('pcma');
  });
});
