import type { SessionDescription as TransformSession } from 'sdp-transform';
import { parseMediaLine } from './core-lines';
import { parseCryptoAttribute } from './crypto-attribute';
import { parseFingerprint, parseSetup, parseTlsId } from './dtls-attributes';
import { SdpParseError } from './errors';
import { checkIceCredentials, parseCandidate } from './ice-attributes';
import { has, inherited, valuesOf } from './raw-attributes';
import {
  isRtpProto,
  type AddrType,
  type Attribute,
  type Connection,
  type Direction,
  type IceCandidate,
  type IceParameters,
  type MediaDescription,
  type RtpFormat,
} from './session-description';
import { STATIC_PAYLOAD_TYPES } from './static-payload-types';

export interface RawSection {
  mLine: string;
  connection?: Connection;
  attributes: Attribute[];
}

interface SessionContext {
  connection?: Connection;
  attributes: Attribute[];
  transformed: TransformSession;
}

const DIRECTIONS: readonly Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** One m= section with its attributes, session-level defaults folded in. */
export function parseMediaSection(raw: RawSection, session: SessionContext, index: number): MediaDescription {
  const line = parseMediaLine(raw.mLine);
  const t = session.transformed.media[index];
  const connection = raw.connection ?? session.connection;
  // RFC 8866 §5.7: c= in every media description or at session level.
  if (!connection && line.port !== 0) throw new SdpParseError(`missing c= for ${line.media} m-line`);
  const rtpFormats = isRtpProto(line.proto) ? parseRtpFormats(line.media, line.formats, t) : [];
  const attrs = raw.attributes;
  const ptime = numberAttribute(attrs, 'ptime');
  const maxptime = numberAttribute(attrs, 'maxptime');
  const rtcp = parseRtcp(valuesOf(attrs, 'rtcp')[0], line.media);
  const setup = parseSetup(inherited(attrs, session.attributes, 'setup'));
  const mediaFingerprints = valuesOf(attrs, 'fingerprint');
  const fingerprints = (mediaFingerprints.length > 0 ? mediaFingerprints : valuesOf(session.attributes, 'fingerprint')).map(parseFingerprint);
  const ice = parseIce(attrs, session.attributes);
  const mid = valuesOf(attrs, 'mid')[0];
  const tlsId = parseTlsId(inherited(attrs, session.attributes, 'tls-id'));
  return {
    ...line,
    rtpFormats,
    ...(connection && { connection }),
    direction: directionOf(attrs) ?? directionOf(session.attributes) ?? 'sendrecv',
    ...(ptime !== undefined && { ptime }),
    ...(maxptime !== undefined && { maxptime }),
    rtcpMux: has(attrs, 'rtcp-mux'),
    ...(rtcp && { rtcp }),
    crypto: valuesOf(attrs, 'crypto').map(parseCryptoAttribute),
    fingerprints,
    ...(setup && { setup }),
    ...(tlsId !== undefined && { tlsId }),
    ...(ice && { ice }),
    ...(has(attrs, 'ice-mismatch') && { iceMismatch: true }),
    ...(mid !== undefined && { mid }),
    attributes: attrs,
  };
}

function parseRtpFormats(media: string, formats: string[], t: TransformSession['media'][number] | undefined): RtpFormat[] {
  return formats.map((fmt) => {
    // RFC 3551 §3: payload types are 7-bit numbers.
    if (!/^\d{1,3}$/.test(fmt) || Number(fmt) > 127) throw new SdpParseError(`bad RTP payload type "${fmt}" in ${media} m-line`);
    const pt = Number(fmt);
    const map = t?.rtp.find((r) => r.payload === pt);
    // sdp-transform turns an all-digit value into a number ("a=fmtp:101 0").
    const fmtpValue = t?.fmtp.find((f) => f.payload === pt)?.config;
    const fmtp = fmtpValue === undefined ? undefined : String(fmtpValue);
    const known = STATIC_PAYLOAD_TYPES[pt];
    const base = map
      ? { encoding: String(map.codec), clockRate: Number(map.rate ?? 0), channels: Number(map.encoding ?? 1) || 1 }
      : known
        ? { ...known }
        : { encoding: '', clockRate: 0, channels: 1 };
    // RFC 8866 §6.6: a dynamic payload type needs a clock rate in its a=rtpmap.
    if (map && (!Number.isFinite(base.clockRate) || base.clockRate <= 0)) throw new SdpParseError(`bad rtpmap for payload type ${pt}`);
    return { pt, ...base, ...(fmtp !== undefined && { fmtp: fmtp.trim() }) };
  });
}

function directionOf(attrs: readonly Attribute[]): Direction | undefined {
  return DIRECTIONS.find((d) => has(attrs, d));
}

function numberAttribute(attrs: readonly Attribute[], name: string): number | undefined {
  const text = valuesOf(attrs, name)[0];
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n <= 0) throw new SdpParseError(`bad a=${name}`);
  return n;
}

/** a=rtcp:<port> [IN <addrtype> <address>] (RFC 3605 §2.1). */
function parseRtcp(value: string | undefined, media: string): MediaDescription['rtcp'] {
  if (value === undefined) return undefined;
  const m = /^(\d{1,5})(?: IN (IP4|IP6) (\S+))?$/.exec(value.trim());
  if (!m || Number(m[1]) > 65535) throw new SdpParseError(`bad a=rtcp in ${media} m-line`);
  const port = Number(m[1]);
  return m[3] ? { port, connection: { addrType: m[2] as AddrType, address: m[3] } } : { port };
}

/** ICE attributes (RFC 8839 §5): credentials may sit at session or media level. */
function parseIce(media: readonly Attribute[], session: readonly Attribute[]): IceParameters | undefined {
  const ufrag = inherited(media, session, 'ice-ufrag');
  const pwd = inherited(media, session, 'ice-pwd');
  if (ufrag === undefined && pwd === undefined) return undefined;
  // RFC 8839 §5.4: both credentials are mandatory once ICE is used.
  if (ufrag === undefined || pwd === undefined) throw new SdpParseError('ice-ufrag and ice-pwd must come together');
  checkIceCredentials(ufrag, pwd);
  const candidates = valuesOf(media, 'candidate')
    .map(parseCandidate)
    .filter((c): c is IceCandidate => c !== undefined);
  const options = (inherited(media, session, 'ice-options') ?? '').split(' ').filter((o) => o !== '');
  return { ufrag, pwd, options, candidates, endOfCandidates: has(media, 'end-of-candidates') || has(session, 'end-of-candidates') };
}
