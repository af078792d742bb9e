import { fault, RtpParseError, type RtpResult } from './errors';

/** RFC 3550 §5.3.1: a header extension: 16 profile-defined bits and whole 32-bit words. */
export interface RtpHeaderExtension {
  profile: number;
  /** Length a multiple of 4. */
  data: Buffer;
}

/** An RTP packet (RFC 3550 §5.1). Padding is removed on parse and added on serialize. */
export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension?: RtpHeaderExtension;
  payload: Buffer;
  /** Padding octets (including the count octet) that followed the payload; 0 for none. */
  paddingLength: number;
}

/** RFC 3550 §5.1: fixed header length. */
export const RTP_HEADER_LENGTH = 12;

/** Parses and validates an RTP packet (RFC 3550 §5.1, §A.1). The payload is a view, not a copy. */
export function parseRtpPacket(buf: Uint8Array): RtpResult<RtpPacket> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < RTP_HEADER_LENGTH) return fault('truncated', `RTP packet of ${b.length} octets is shorter than the 12-octet header`);
  const b0 = b[0]!;
  const b1 = b[1]!;
  if (b0 >>> 6 !== 2) return fault('version', `RTP version ${b0 >>> 6}, expected 2`);
  const payloadType = b1 & 0x7f;
  // RFC 3550 §A.1: a PT equal to SR or RR (with the marker bit) means RTCP was misdirected
  if (payloadType === 72 || payloadType === 73) return fault('payload-type', `payload type ${payloadType} clashes with RTCP SR/RR`);
  const csrcCount = b0 & 0x0f;
  let offset = RTP_HEADER_LENGTH + 4 * csrcCount;
  if (offset > b.length) return fault('truncated', `CSRC list of ${csrcCount} entries runs past the packet`);
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrcs.push(b.readUInt32BE(RTP_HEADER_LENGTH + 4 * i));
  let extension: RtpHeaderExtension | undefined;
  if (b0 & 0x10) {
    // RFC 3550 §5.3.1: profile (16) || length in 32-bit words (16) || data
    if (offset + 4 > b.length) return fault('truncated', 'header extension header runs past the packet');
    const words = b.readUInt16BE(offset + 2);
    const end = offset + 4 + 4 * words;
    if (end > b.length) return fault('truncated', `header extension of ${words} words runs past the packet`);
    extension = { profile: b.readUInt16BE(offset), data: b.subarray(offset + 4, end) };
    offset = end;
  }
  let end = b.length;
  let paddingLength = 0;
  if (b0 & 0x20) {
    // RFC 3550 §5.1: the last octet counts the padding, itself included
    paddingLength = b[b.length - 1]!;
    if (paddingLength === 0 || paddingLength > b.length - offset) return fault('padding', `padding count ${paddingLength} does not fit the payload`);
    end -= paddingLength;
  }
  const packet: RtpPacket = {
    marker: (b1 & 0x80) !== 0,
    payloadType,
    sequenceNumber: b.readUInt16BE(2),
    timestamp: b.readUInt32BE(4),
    ssrc: b.readUInt32BE(8),
    csrcs,
    payload: b.subarray(offset, end),
    paddingLength,
  };
  if (extension) packet.extension = extension;
  return { ok: true, value: packet };
}

/** Writes an RTP packet (RFC 3550 §5.1). Throws RtpParseError('value') for out-of-range fields. */
export function serializeRtpPacket(p: RtpPacket): Buffer {
  if (p.csrcs.length > 15) throw new RtpParseError('value', `at most 15 CSRCs, got ${p.csrcs.length}`);
  if (p.payloadType < 0 || p.payloadType > 127) throw new RtpParseError('value', `payload type ${p.payloadType} is outside 0..127`);
  if (p.paddingLength < 0 || p.paddingLength > 255) throw new RtpParseError('value', `padding ${p.paddingLength} is outside 0..255`);
  const ext = p.extension;
  if (ext && ext.data.length % 4 !== 0) throw new RtpParseError('value', 'header extension data must be whole 32-bit words');
  const headerLength = RTP_HEADER_LENGTH + 4 * p.csrcs.length + (ext ? 4 + ext.data.length : 0);
  const out = Buffer.alloc(headerLength + p.payload.length + p.paddingLength);
  out[0] = 0x80 | (p.paddingLength > 0 ? 0x20 : 0) | (ext ? 0x10 : 0) | p.csrcs.length;
  out[1] = (p.marker ? 0x80 : 0) | p.payloadType;
  out.writeUInt16BE(p.sequenceNumber & 0xffff, 2);
  out.writeUInt32BE(p.timestamp >>> 0, 4);
  out.writeUInt32BE(p.ssrc >>> 0, 8);
  let offset = RTP_HEADER_LENGTH;
  for (const csrc of p.csrcs) {
    out.writeUInt32BE(csrc >>> 0, offset);
    offset += 4;
  }
  if (ext) {
    out.writeUInt16BE(ext.profile, offset);
    out.writeUInt16BE(ext.data.length / 4, offset + 2);
    out.set(ext.data, offset + 4);
    offset += 4 + ext.data.length;
  }
  out.set(p.payload, offset);
  if (p.paddingLength > 0) out[out.length - 1] = p.paddingLength;
  return out;
}
