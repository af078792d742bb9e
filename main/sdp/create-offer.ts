import { CODECS, DEFAULT_CODECS, opusFmtp, TELEPHONE_EVENT_PTS } from './codecs';
import { generateKeySalt, localCryptoAttribute } from './crypto-attribute';
import { localConnection, localTransport } from './local-media';
import { stampDescription, type LocalSession, type StampedDescription } from './local-session';
import { DEFAULT_PTIME, type LocalMediaOptions, type SrtpMode } from './media-options';
import type { CryptoAttribute, MediaDescription, RtpFormat } from './session-description';
import { DEFAULT_SRTP_SUITES } from './srtp-suites';
import { OUR_EVENT_LIST, TELEPHONE_EVENT } from './telephone-event';

/** The transport profile each security mode offers. */
export const OFFER_PROFILES: Readonly<Record<SrtpMode, string>> = {
  off: 'RTP/AVP',
  // RFC 4568 §7.1.1: SDES keys go with RTP/SAVP.
  mandatory: 'RTP/SAVP',
  // Best effort: keys on RTP/AVP, the widespread non-standard way that falls back to RTP.
  'best-effort': 'RTP/AVP',
  // RFC 5764 §8: DTLS-SRTP runs over UDP/TLS/RTP/SAVP.
  dtls: 'UDP/TLS/RTP/SAVP',
};

/**
 * Our offer with one audio stream (RFC 3264 §5). The same session for a re-offer gives the
 * version rule of §8: hold (direction sendonly) or a new address just changes the body.
 * Keep the result's `description`: apply-answer needs it.
 */
export function createOffer(session: LocalSession, options: LocalMediaOptions): StampedDescription {
  return stampDescription(session, {
    name: '-',
    connection: localConnection(options),
    timing: { start: 0, stop: 0 },
    iceLite: options.ice?.lite ?? false,
    media: [offerAudio(options, session.tlsId)],
    attributes: [],
  });
}

function offerAudio(options: LocalMediaOptions, tlsId: string): MediaDescription {
  const mode = options.srtp ?? 'off';
  const rtpFormats = offeredFormats(options);
  const transport = localTransport(options, options.rtcpMux ?? true, true, true);
  const dtls = mode === 'dtls' ? dtlsFields(options, tlsId) : {};
  return {
    media: 'audio',
    port: options.port,
    portCount: 1,
    proto: OFFER_PROFILES[mode],
    formats: rtpFormats.map((f) => String(f.pt)),
    rtpFormats,
    direction: options.direction ?? 'sendrecv',
    ptime: options.ptime ?? DEFAULT_PTIME,
    ...transport,
    crypto: mode === 'mandatory' || mode === 'best-effort' ? offeredCrypto(options) : [],
    fingerprints: [],
    ...dtls,
    attributes: [],
  };
}

/**
 * Our codecs in preference order, then telephone-event at each clock rate in use (RFC 4733
 * §7.1.1), and always at 8000 Hz too: many phones (baresip, older PBXes) know only
 * telephone-event/8000, and an Opus-only offer would otherwise leave them without DTMF.
 */
function offeredFormats(options: LocalMediaOptions): RtpFormat[] {
  const codecs = (options.codecs ?? DEFAULT_CODECS).map((name) => CODECS[name]);
  if (codecs.length === 0) throw new RangeError('an offer needs at least one codec');
  const formats: RtpFormat[] = codecs.map((c) => ({
    pt: c.pt,
    encoding: c.encoding,
    clockRate: c.clockRate,
    channels: c.channels,
    ...(c.name === 'opus' && { fmtp: opusFmtp(options.opus) }),
  }));
  if (options.telephoneEvent ?? true) {
    for (const rate of new Set([...codecs.map((c) => c.clockRate), 8000])) {
      const pt = TELEPHONE_EVENT_PTS[rate];
      if (pt !== undefined) formats.push({ pt, encoding: TELEPHONE_EVENT, clockRate: rate, channels: 1, fmtp: OUR_EVENT_LIST });
    }
  }
  return formats;
}

/** One a=crypto per suite, tags 1, 2, 3 in preference order, each with its own key (RFC 4568 §5.1.1). */
function offeredCrypto(options: LocalMediaOptions): CryptoAttribute[] {
  const suites = options.srtpSuites ?? DEFAULT_SRTP_SUITES;
  return suites.map((suite, i) => localCryptoAttribute(i + 1, suite, options.keys?.[suite] ?? generateKeySalt(suite)));
}

/** RFC 5763 §5: the offerer sends its fingerprint and a=setup:actpass; RFC 8842 §5.2: and a=tls-id. */
function dtlsFields(options: LocalMediaOptions, tlsId: string): Pick<MediaDescription, 'fingerprints' | 'setup' | 'tlsId'> {
  if (!options.fingerprint) throw new RangeError('srtp mode dtls needs our certificate fingerprint');
  return { fingerprints: [options.fingerprint], setup: 'actpass', tlsId };
}
