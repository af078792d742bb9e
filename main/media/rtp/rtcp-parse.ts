import { fault, type RtpResult } from './errors';
import { RTCP_TYPE, SDES_ITEM, type ReportBlock, type RtcpPacket, type SdesChunk } from './rtcp-types';

export interface RtcpParseOptions {
  /** RFC 5506: reduced-size RTCP may start with any packet type. */
  reducedSize?: boolean;
}

/** Parses a compound RTCP packet with the validity checks of RFC 3550 §A.2. */
export function parseRtcpCompound(buf: Uint8Array, options: RtcpParseOptions = {}): RtpResult<RtcpPacket[]> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const packets: RtcpPacket[] = [];
  let offset = 0;
  if (b.length < 4) return fault('truncated', `RTCP packet of ${b.length} octets is shorter than its 4-octet header`);
  while (offset < b.length) {
    if (offset + 4 > b.length) return fault('length', 'the RTCP lengths do not add up to the compound packet');
    const b0 = b[offset]!;
    const packetType = b[offset + 1]!;
    if (b0 >>> 6 !== 2) return fault('version', `RTCP version ${b0 >>> 6}, expected 2`);
    const size = 4 * (b.readUInt16BE(offset + 2) + 1);
    if (offset + size > b.length) return fault('length', `RTCP packet of ${size} octets runs past the compound packet`);
    const first = offset === 0;
    const last = offset + size === b.length;
    // RFC 3550 §A.2: the first packet is SR or RR, and only the last one may be padded
    if (first && !options.reducedSize && packetType !== RTCP_TYPE.SR && packetType !== RTCP_TYPE.RR) {
      return fault('compound', `compound RTCP starts with packet type ${packetType}, not SR or RR`);
    }
    let end = offset + size;
    if (b0 & 0x20) {
      if (!last) return fault('compound', 'padding bit set on an RTCP packet that is not the last');
      const pad = b[end - 1]!;
      if (pad === 0 || pad > size - 4) return fault('padding', `RTCP padding count ${pad} does not fit`);
      end -= pad;
    }
    const parsed = parseOne(packetType, b0 & 0x1f, b.subarray(offset + 4, end));
    if (!parsed.ok) return parsed;
    packets.push(parsed.value);
    offset += size;
  }
  return { ok: true, value: packets };
}

function parseOne(packetType: number, count: number, body: Buffer): RtpResult<RtcpPacket> {
  switch (packetType) {
    case RTCP_TYPE.SR: {
      if (body.length < 24 + 24 * count) return fault('truncated', `SR with ${count} report blocks needs ${28 + 24 * count} octets`);
      const sender = {
        ntpSeconds: body.readUInt32BE(4),
        ntpFraction: body.readUInt32BE(8),
        rtpTimestamp: body.readUInt32BE(12),
        packetCount: body.readUInt32BE(16),
        octetCount: body.readUInt32BE(20),
      };
      return { ok: true, value: { type: 'sr', ssrc: body.readUInt32BE(0), sender, reports: reportBlocks(body, 24, count), extension: body.subarray(24 + 24 * count) } };
    }
    case RTCP_TYPE.RR: {
      if (body.length < 4 + 24 * count) return fault('truncated', `RR with ${count} report blocks needs ${8 + 24 * count} octets`);
      return { ok: true, value: { type: 'rr', ssrc: body.readUInt32BE(0), reports: reportBlocks(body, 4, count), extension: body.subarray(4 + 24 * count) } };
    }
    case RTCP_TYPE.SDES:
      return parseSdes(body, count);
    case RTCP_TYPE.BYE: {
      if (body.length < 4 * count) return fault('truncated', `BYE with ${count} sources runs past its packet`);
      const sources: number[] = [];
      for (let i = 0; i < count; i++) sources.push(body.readUInt32BE(4 * i));
      const at = 4 * count;
      if (at < body.length) {
        const length = body[at]!;
        if (at + 1 + length > body.length) return fault('truncated', 'BYE reason runs past its packet');
        return { ok: true, value: { type: 'bye', sources, reason: body.toString('utf8', at + 1, at + 1 + length) } };
      }
      return { ok: true, value: { type: 'bye', sources } };
    }
    case RTCP_TYPE.APP:
      if (body.length < 8) return fault('truncated', 'APP packet shorter than SSRC and name');
      return { ok: true, value: { type: 'app', subtype: count, ssrc: body.readUInt32BE(0), name: body.toString('latin1', 4, 8), data: body.subarray(8) } };
    default:
      return { ok: true, value: { type: 'other', packetType, count, body } };
  }
}

function reportBlocks(body: Buffer, at: number, count: number): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (let i = 0, o = at; i < count; i++, o += 24) {
    blocks.push({
      ssrc: body.readUInt32BE(o),
      fractionLost: body[o + 4]!,
      cumulativeLost: body.readIntBE(o + 5, 3),
      highestSequence: body.readUInt32BE(o + 8),
      jitter: body.readUInt32BE(o + 12),
      lastSr: body.readUInt32BE(o + 16),
      delaySinceLastSr: body.readUInt32BE(o + 20),
    });
  }
  return blocks;
}

/** RFC 3550 §6.5: chunks of SSRC and items, each chunk ended by a null item and padded to 32 bits. */
function parseSdes(body: Buffer, count: number): RtpResult<RtcpPacket> {
  const chunks: SdesChunk[] = [];
  let o = 0;
  for (let c = 0; c < count; c++) {
    if (o + 4 > body.length) return fault('truncated', 'SDES chunk runs past its packet');
    const chunk: SdesChunk = { ssrc: body.readUInt32BE(o), items: [] };
    o += 4;
    for (;;) {
      if (o >= body.length) return fault('truncated', 'SDES chunk has no END item');
      const type = body[o]!;
      if (type === SDES_ITEM.END) {
        o = (o + 4) & ~3; // skip the null octets up to the next 32-bit boundary
        break;
      }
      if (o + 2 > body.length) return fault('truncated', 'SDES item runs past its packet');
      const length = body[o + 1]!;
      if (o + 2 + length > body.length) return fault('truncated', 'SDES item text runs past its packet');
      chunk.items.push({ type, text: body.toString('utf8', o + 2, o + 2 + length) });
      o += 2 + length;
    }
    chunks.push(chunk);
  }
  return { ok: true, value: { type: 'sdes', chunks } };
}
