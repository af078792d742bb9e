import { DEFAULT_CODECS, opusFmtp } from './codecs';
import { answerSecurity } from './answer-security';
import { isHoldAddress } from './core-lines';
import { answerDirection, effectiveDirection } from './direction';
import type { WarnCode } from './errors';
import { localTransport } from './local-media';
import { DEFAULT_PTIME, type LocalMediaOptions } from './media-options';
import { isTelephoneEvent, negotiatedCodec, pickTelephoneEvent, remoteTransport, type NegotiatedCodec, type NegotiatedMedia } from './negotiated-media';
import { has } from './raw-attributes';
import type { MediaDescription, RtpFormat } from './session-description';
import { answerEventList } from './telephone-event';

export type StreamVerdict =
  | { readonly ok: true; readonly media: MediaDescription; readonly negotiated: NegotiatedMedia }
  | { readonly ok: false; readonly warnCode: WarnCode; readonly reason: string };

/**
 * Our answer to one offered audio stream (RFC 3264 §6.1). Formats keep the offerer's order,
 * as §6.1 recommends, unless options.answerOrder is 'ours'; payload types stay as offered.
 */
export function answerAudio(
  offer: MediaDescription,
  index: number,
  { offerIceLite, tlsId }: { offerIceLite: boolean; tlsId: string },
  options: LocalMediaOptions,
): StreamVerdict {
  const security = answerSecurity(offer, options, tlsId);
  if (!security.ok) return security;
  const enabled = options.codecs ?? DEFAULT_CODECS;
  const common = offer.rtpFormats
    .map((f) => ({ format: f, codec: negotiatedCodec(f, enabled) }))
    .filter((c): c is { format: RtpFormat; codec: NegotiatedCodec } => c.codec !== undefined);
  if (options.answerOrder === 'ours') common.sort((a, b) => enabled.indexOf(a.codec.name) - enabled.indexOf(b.codec.name));
  const first = common[0];
  if (!first) return { ok: false, warnCode: 305, reason: 'no common audio codec' };

  const events = options.telephoneEvent === false ? [] : answerEvents(offer.rtpFormats, common.map((c) => c.codec));
  const rtpFormats: RtpFormat[] = [
    ...common.map(({ format, codec }) => ({
      pt: format.pt,
      encoding: format.encoding,
      clockRate: format.clockRate,
      channels: format.channels,
      // RFC 7587 §6.1: our fmtp says how we want to receive opus.
      ...(codec.name === 'opus' && { fmtp: opusFmtp(options.opus) }),
    })),
    ...events,
  ];
  // RFC 5761 §5.1.1: accept rtcp-mux when offered; RFC 8035: never answer it unoffered.
  const rtcpMux = offer.rtcpMux && (options.rtcpMux ?? true);
  // RFC 8858 §4.3: a stream offered rtcp-mux-only is rejected unless we multiplex.
  if (!rtcpMux && has(offer.attributes, 'rtcp-mux-only')) return { ok: false, warnCode: 302, reason: 'rtcp-mux-only offered but RTCP multiplexing is off' };
  const mismatch = options.ice !== undefined && isIceMismatch(offer);
  const withIce = offer.ice !== undefined && options.ice !== undefined && !mismatch;
  const transport = localTransport(options, rtcpMux, withIce);
  const direction = answerDirection(effectiveDirection(offer), options.direction ?? 'sendrecv');
  const localPtime = options.ptime ?? DEFAULT_PTIME;
  const media: MediaDescription = {
    media: offer.media,
    port: options.port,
    portCount: 1,
    // RFC 3264 §6: the answer keeps the offered transport protocol.
    proto: offer.proto,
    formats: rtpFormats.map((f) => String(f.pt)),
    rtpFormats,
    direction,
    ptime: localPtime,
    rtcpMux: transport.rtcpMux,
    ...(transport.rtcp && { rtcp: transport.rtcp }),
    ...(transport.ice && { ice: transport.ice }),
    ...(mismatch && { iceMismatch: true }),
    ...security.fields,
    // RFC 5888 §9.1: the answer repeats the offer's mid.
    ...(offer.mid !== undefined && { mid: offer.mid }),
    attributes: [],
  };
  const te = pickTelephoneEvent(events, first.codec);
  const negotiated: NegotiatedMedia = {
    mLineIndex: index,
    ...(offer.mid !== undefined && { mid: offer.mid }),
    proto: offer.proto,
    direction,
    sendCodec: first.codec,
    codecs: common.map((c) => c.codec),
    ...(te && { telephoneEvent: { pt: te.pt, clockRate: te.clockRate, events: te.fmtp ?? '0-15' } }),
    remotePtime: offer.ptime ?? DEFAULT_PTIME,
    ...(offer.maxptime !== undefined && { remoteMaxptime: offer.maxptime }),
    localPtime,
    rtcpMux,
    local: { rtpPort: options.port, rtcpPort: rtcpMux ? options.port : (transport.rtcp?.port ?? options.port + 1) },
    remote: remoteTransport(offer, rtcpMux),
    security: security.security,
    ...(withIce &&
      offer.ice && {
        // RFC 8445 §6.1.1: the answerer is controlled unless the offerer is lite and we are not.
        ice: { remote: offer.ice, remoteLite: offerIceLite, role: offerIceLite && !options.ice?.lite ? 'controlling' : 'controlled' },
      }),
  };
  return { ok: true, media, negotiated };
}

/**
 * Offered telephone-event formats at a clock rate of a codec we answer (RFC 4733 §7.1.1),
 * or the first offered one if none matches; events narrowed to the ones we handle.
 */
function answerEvents(offered: readonly RtpFormat[], codecs: readonly NegotiatedCodec[]): RtpFormat[] {
  const all = offered.filter(isTelephoneEvent);
  const rates = new Set(codecs.map((c) => c.clockRate));
  const matching = all.filter((f) => rates.has(f.clockRate));
  const chosen = matching.length > 0 ? matching : all.slice(0, 1);
  return chosen.flatMap((f) => {
    const events = answerEventList(f.fmtp);
    return events === undefined ? [] : [{ pt: f.pt, encoding: f.encoding, clockRate: f.clockRate, channels: 1, fmtp: events }];
  });
}

/**
 * RFC 8839 §5.3: the offer's c= address and m= port must be one of its component-1 candidates;
 * if not, a middlebox rewrote them, and the answer carries a=ice-mismatch and ICE is not used.
 * c=0.0.0.0 (RFC 8840's "no default candidate yet") is not a mismatch.
 */
function isIceMismatch(offer: MediaDescription): boolean {
  const ice = offer.ice;
  const address = offer.connection?.address;
  if (!ice || ice.candidates.length === 0 || address === undefined || isHoldAddress(offer.connection)) return false;
  return !ice.candidates.some((c) => c.component === 1 && c.address === address && c.port === offer.port);
}

/** An offered stream we decline: port 0, the m-line kept (RFC 3264 §6). */
export function rejectedStream(offer: MediaDescription): MediaDescription {
  return {
    media: offer.media,
    port: 0,
    portCount: 1,
    proto: offer.proto,
    formats: offer.formats,
    rtpFormats: [],
    direction: offer.direction,
    rtcpMux: false,
    crypto: [],
    fingerprints: [],
    attributes: [],
  };
}
