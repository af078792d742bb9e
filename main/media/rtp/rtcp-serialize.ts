import { RtpParseError } from './errors';
import { RTCP_TYPE, type ReportBlock, type RtcpPacket, type SdesChunk } from './rtcp-types';

/** Writes one RTCP packet (RFC 3550 §6.4–§6.7). Throws RtpParseError('value') for fields out of range. */
export function serializeRtcpPacket(p: RtcpPacket): Buffer {
  switch (p.type) {
    case 'sr': {
      const body = Buffer.alloc(24 + 24 * p.reports.length + p.extension.length);
      body.writeUInt32BE(p.ssrc >>> 0, 0);
      body.writeUInt32BE(p.sender.ntpSeconds >>> 0, 4);
      body.writeUInt32BE(p.sender.ntpFraction >>> 0, 8);
      body.writeUInt32BE(p.sender.rtpTimestamp >>> 0, 12);
      body.writeUInt32BE(p.sender.packetCount >>> 0, 16);
      body.writeUInt32BE(p.sender.octetCount >>> 0, 20);
      writeReports(body, 24, p.reports);
      body.set(p.extension, 24 + 24 * p.reports.length);
      return frame(RTCP_TYPE.SR, count(p.reports.length), body);
    }
    case 'rr': {
      const body = Buffer.alloc(4 + 24 * p.reports.length + p.extension.length);
      body.writeUInt32BE(p.ssrc >>> 0, 0);
      writeReports(body, 4, p.reports);
      body.set(p.extension, 4 + 24 * p.reports.length);
      return frame(RTCP_TYPE.RR, count(p.reports.length), body);
    }
    case 'sdes':
      return frame(RTCP_TYPE.SDES, count(p.chunks.length), Buffer.concat(p.chunks.map(sdesChunk)));
    case 'bye': {
      const parts = [Buffer.alloc(4 * p.sources.length)];
      p.sources.forEach((s, i) => parts[0]!.writeUInt32BE(s >>> 0, 4 * i));
      if (p.reason !== undefined) {
        const text = Buffer.from(p.reason, 'utf8');
        if (text.length > 255) throw new RtpParseError('value', 'BYE reason longer than 255 octets');
        parts.push(Buffer.from([text.length]), text);
      }
      return frame(RTCP_TYPE.BYE, count(p.sources.length), pad4(Buffer.concat(parts)));
    }
    case 'app': {
      if (p.name.length !== 4 || !/^[\x20-\x7e]{4}$/.test(p.name)) throw new RtpParseError('value', `APP name must be four ASCII characters: "${p.name}"`);
      if (p.data.length % 4 !== 0) throw new RtpParseError('value', 'APP data must be whole 32-bit words');
      const body = Buffer.alloc(8 + p.data.length);
      body.writeUInt32BE(p.ssrc >>> 0, 0);
      body.write(p.name, 4, 'latin1');
      body.set(p.data, 8);
      return frame(RTCP_TYPE.APP, count(p.subtype), body);
    }
    case 'other':
      if (p.body.length % 4 !== 0) throw new RtpParseError('value', 'RTCP body must be whole 32-bit words');
      return frame(p.packetType, count(p.count), p.body);
  }
}

/** RFC 3550 §6.1: packets stacked without separators; the first should be SR or RR. */
export function serializeRtcpCompound(packets: readonly RtcpPacket[]): Buffer {
  return Buffer.concat(packets.map(serializeRtcpPacket));
}

function count(n: number): number {
  if (n < 0 || n > 31) throw new RtpParseError('value', `RTCP count ${n} is outside 0..31`);
  return n;
}

function frame(packetType: number, rc: number, body: Buffer): Buffer {
  // RFC 3550 §6.4.1: every RTCP packet is a whole number of 32-bit words
  if (body.length % 4 !== 0) throw new RtpParseError('value', 'RTCP packet body (report extension?) must be whole 32-bit words');
  const out = Buffer.alloc(4 + body.length);
  out[0] = 0x80 | rc;
  out[1] = packetType;
  out.writeUInt16BE(out.length / 4 - 1, 2);
  out.set(body, 4);
  return out;
}

function writeReports(body: Buffer, at: number, reports: readonly ReportBlock[]): void {
  reports.forEach((r, i) => {
    const o = at + 24 * i;
    body.writeUInt32BE(r.ssrc >>> 0, o);
    body[o + 4] = Math.max(0, Math.min(255, r.fractionLost));
    // RFC 3550 §6.4.1: cumulative lost is a signed 24-bit number; clamp rather than wrap
    body.writeIntBE(Math.max(-0x800000, Math.min(0x7fffff, r.cumulativeLost)), o + 5, 3);
    body.writeUInt32BE(r.highestSequence >>> 0, o + 8);
    body.writeUInt32BE(r.jitter >>> 0, o + 12);
    body.writeUInt32BE(r.lastSr >>> 0, o + 16);
    body.writeUInt32BE(r.delaySinceLastSr >>> 0, o + 20);
  });
}

/** RFC 3550 §6.5: items, a null END octet, then nulls up to the next 32-bit boundary. */
function sdesChunk(chunk: SdesChunk): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4)];
  parts[0]!.writeUInt32BE(chunk.ssrc >>> 0, 0);
  for (const item of chunk.items) {
    const text = Buffer.from(item.text, 'utf8');
    if (item.type < 1 || item.type > 255) throw new RtpParseError('value', `SDES item type ${item.type} is outside 1..255`);
    if (text.length > 255) throw new RtpParseError('value', 'SDES item longer than 255 octets');
    parts.push(Buffer.from([item.type, text.length]), text);
  }
  const used = parts.reduce((n, p) => n + p.length, 0);
  parts.push(Buffer.alloc(4 - (used % 4)));
  return Buffer.concat(parts);
}

function pad4(b: Buffer): Buffer {
  return b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]);
}
