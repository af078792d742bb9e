import { ALL_CODECS, codecOf, type CodecName } from './codecs';
import { DEFAULT_PTIME } from './media-options';
import { effectiveDirection, offererDirection } from './direction';
import { isUsableFingerprint } from './dtls-attributes';
import { SdpAnswerMismatchError } from './errors';
import { negotiatedCodec, pickTelephoneEvent, remoteTransport, type NegotiatedMedia, type NegotiatedSecurity, type NegotiatedSession } from './negotiated-media';
import { parseSdp } from './parse-sdp';
import type { MediaDescription, RtpFormat, SessionDescription } from './session-description';
import { isSrtpSuite } from './srtp-suites';
import { profileOf } from './transport-profile';

/**
 * Takes the peer's answer to our offer (RFC 3264 §6, §7): checks it fits the offer and returns
 * what was negotiated for audio. Works the same for an answer in a 2xx and in an ACK (our
 * offer in a 2xx to an INVITE without SDP). Throws SdpParseError or SdpAnswerMismatchError.
 */
export function applyAnswer(offer: SessionDescription, answer: SessionDescription | string): NegotiatedSession {
  const remote = typeof answer === 'string' ? parseSdp(answer) : answer;
  // RFC 3264 §6: as many m-lines as the offer, in the same order.
  if (remote.media.length !== offer.media.length) {
    throw new SdpAnswerMismatchError(`answer has ${remote.media.length} m-lines, offer had ${offer.media.length}`);
  }
  let audio: NegotiatedMedia | undefined;
  remote.media.forEach((m, index) => {
    const ours = offer.media[index] as MediaDescription;
    if (m.media !== ours.media) throw new SdpAnswerMismatchError(`m-line ${index} is ${m.media}, offered ${ours.media}`);
    if (ours.port === 0 && m.port !== 0) throw new SdpAnswerMismatchError(`m-line ${index} was offered with port 0`);
    if (m.port === 0 || audio || ours.media !== 'audio') return;
    audio = acceptedAudio(ours, m, index, remote.iceLite, offer.iceLite);
  });
  if (!audio) throw new SdpAnswerMismatchError('the answer rejected our audio stream');
  return { audio, remoteOrigin: remote.origin };
}

function acceptedAudio(ours: MediaDescription, theirs: MediaDescription, index: number, remoteLite: boolean, localLite: boolean): NegotiatedMedia {
  // RFC 3264 §6: the answer uses the offered transport protocol. Tolerated: RTP/SAVP with keys
  // in answer to our best-effort RTP/AVP with keys, as some phones answer.
  const bestEffortToSavp = profileOf(ours.proto) === 'avp' && ours.crypto.length > 0 && profileOf(theirs.proto) === 'savp' && theirs.crypto.length > 0;
  if (theirs.proto.toUpperCase() !== ours.proto.toUpperCase() && !bestEffortToSavp) {
    throw new SdpAnswerMismatchError(`answer uses ${theirs.proto}, offered ${ours.proto}`);
  }
  const offeredCodecs = ours.rtpFormats.map((f) => codecOf(f, ALL_CODECS)).filter((n): n is CodecName => n !== undefined);
  for (const f of theirs.rtpFormats) checkFormatOffered(f, ours.rtpFormats);
  const codecs = theirs.rtpFormats.map((f) => negotiatedCodec(f, offeredCodecs)).filter((c) => c !== undefined);
  const sendCodec = codecs[0];
  if (!sendCodec) throw new SdpAnswerMismatchError('the answer has no codec we offered');
  // RFC 5761 §5.1.1, RFC 8035: rtcp-mux only when both sides said so.
  const rtcpMux = ours.rtcpMux && theirs.rtcpMux;
  const te = pickTelephoneEvent(theirs.rtpFormats, sendCodec);
  // RFC 8839 §5.3: an answer with a=ice-mismatch turns ICE off for the stream.
  const ice = ours.ice && theirs.ice && !theirs.iceMismatch ? theirs.ice : undefined;
  return {
    mLineIndex: index,
    ...(ours.mid !== undefined && { mid: ours.mid }),
    proto: ours.proto,
    direction: offererDirection(ours.direction, effectiveDirection(theirs)),
    sendCodec,
    codecs,
    ...(te && { telephoneEvent: { pt: te.pt, clockRate: te.clockRate, events: te.fmtp ?? '0-15' } }),
    remotePtime: theirs.ptime ?? DEFAULT_PTIME,
    ...(theirs.maxptime !== undefined && { remoteMaxptime: theirs.maxptime }),
    localPtime: ours.ptime ?? DEFAULT_PTIME,
    rtcpMux,
    local: { rtpPort: ours.port, rtcpPort: rtcpMux ? ours.port : (ours.rtcp?.port ?? ours.port + 1) },
    remote: remoteTransport(theirs, rtcpMux),
    security: answeredSecurity(ours, theirs),
    // RFC 8445 §6.1.1: the offerer controls unless it is lite and the answerer is not.
    ...(ice && { ice: { remote: ice, remoteLite, role: localLite && !remoteLite ? 'controlled' : 'controlling' } }),
  };
}

/**
 * RFC 3264 §6.1: answered formats come from the offer. The same codec under another dynamic
 * payload type is allowed (we then send with the answer's number); anything else is not.
 */
function checkFormatOffered(f: RtpFormat, offered: readonly RtpFormat[]): void {
  const same = (o: RtpFormat): boolean =>
    o.encoding.toLowerCase() === f.encoding.toLowerCase() && o.clockRate === f.clockRate;
  if (offered.some((o) => o.pt === f.pt && (f.encoding === '' || same(o)))) return;
  if (f.encoding !== '' && offered.some(same)) return;
  throw new SdpAnswerMismatchError(`the answer has payload type ${f.pt}${f.encoding ? ` (${f.encoding})` : ''}, which was not offered`);
}

function answeredSecurity(ours: MediaDescription, theirs: MediaDescription): NegotiatedSecurity {
  const profile = profileOf(ours.proto);
  if (profile === 'dtls') return answeredDtls(ours, theirs);
  if (theirs.crypto.length === 0) {
    // A best-effort offer (keys on RTP/AVP) may be answered in plain RTP.
    if (profile === 'savp') throw new SdpAnswerMismatchError('RTP/SAVP answer without a=crypto');
    return { kind: 'none' };
  }
  // RFC 4568 §5.1.3: exactly one crypto attribute in the answer, with an offered tag and suite.
  if (theirs.crypto.length !== 1 || ours.crypto.length === 0) throw new SdpAnswerMismatchError('the answer must carry exactly one a=crypto we offered');
  const chosen = theirs.crypto[0];
  const offered = ours.crypto.find((c) => c.tag === chosen?.tag);
  if (!chosen || !offered || offered.suite !== chosen.suite || !isSrtpSuite(chosen.suite)) {
    throw new SdpAnswerMismatchError(`a=crypto tag ${chosen?.tag ?? ''} in the answer does not match the offer`);
  }
  const localKey = offered.keys[0];
  const remoteKey = chosen.keys[0];
  if (!localKey || !remoteKey || chosen.keys.length !== 1 || remoteKey.mki) throw new SdpAnswerMismatchError('the answered a=crypto needs exactly one key without MKI');
  return { kind: 'sdes', suite: chosen.suite, tag: chosen.tag, localKey, remoteKey };
}

/** RFC 5763 §5: the answerer is active (we are the DTLS server) or passive (we are the client). */
function answeredDtls(ours: MediaDescription, theirs: MediaDescription): NegotiatedSecurity {
  const remoteFingerprints = theirs.fingerprints.filter(isUsableFingerprint);
  if (remoteFingerprints.length === 0) throw new SdpAnswerMismatchError('DTLS-SRTP answer without a usable a=fingerprint');
  // RFC 4145 §4: an answer without a=setup is active.
  const remoteSetup = theirs.setup ?? 'active';
  if (remoteSetup !== 'active' && remoteSetup !== 'passive') throw new SdpAnswerMismatchError(`a=setup:${remoteSetup} is not a valid answer`);
  const localSetup = remoteSetup === 'active' ? 'passive' : 'active';
  return {
    kind: 'dtls',
    role: localSetup === 'active' ? 'client' : 'server',
    localSetup,
    remoteSetup,
    remoteFingerprints,
    ...(ours.tlsId !== undefined && { localTlsId: ours.tlsId }),
    ...(theirs.tlsId !== undefined && { remoteTlsId: theirs.tlsId }),
  };
}
