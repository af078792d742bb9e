/**
 * Ogg pages (RFC 3533 §6): capture pattern, header type, granule position, serial number,
 * sequence number, CRC and a segment table of lacing values.
 */
export const OGG_CONTINUED = 0x01;
export const OGG_BOS = 0x02;
export const OGG_EOS = 0x04;
const HEADER_BYTES = 27;
const CAPTURE = Buffer.from('OggS', 'latin1');

// RFC 3533 §6: CRC-32 with generator 0x04c11db7, initial value 0, no reflection, no final XOR.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0;
  return crc;
}

export interface OggPage {
  headerType: number;
  granule: bigint;
  serial: number;
  sequence: number;
  /** Whole packets on this page (we never split one across pages). */
  packets: Uint8Array[];
}

/** One page holding whole packets; at most 255 lacing values (RFC 3533 §6). */
export function encodeOggPage(page: OggPage): Buffer {
  const lacing: number[] = [];
  for (const p of page.packets) {
    // A packet is 255-byte segments ended by one shorter (possibly empty) segment.
    for (let left = p.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  if (lacing.length > 255) throw new RangeError(`an Ogg page holds at most 255 segments (got ${lacing.length})`);
  const body = Buffer.concat(page.packets);
  const out = Buffer.alloc(HEADER_BYTES + lacing.length + body.length);
  CAPTURE.copy(out, 0);
  out[4] = 0; // stream structure version
  out[5] = page.headerType;
  out.writeBigInt64LE(page.granule, 6);
  out.writeUInt32LE(page.serial >>> 0, 14);
  out.writeUInt32LE(page.sequence >>> 0, 18);
  out[26] = lacing.length;
  Buffer.from(lacing).copy(out, HEADER_BYTES);
  body.copy(out, HEADER_BYTES + lacing.length);
  out.writeUInt32LE(oggCrc(out), 22);
  return out;
}

/** Lacing values needed for these packet sizes. */
export function segmentsFor(packetBytes: number): number {
  return Math.floor(packetBytes / 255) + 1;
}

export class OggFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OggFormatError';
  }
}

/**
 * Splits a whole Ogg stream into its packets and the last page's granule position. Pages
 * must be in order with good CRCs; a cut-off last page is an error.
 */
export function readOggPackets(data: Uint8Array): { packets: Uint8Array[]; lastGranule: bigint; complete: boolean } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const packets: Uint8Array[] = [];
  let partial: Uint8Array[] = [];
  let at = 0;
  let expectSeq = 0;
  let lastGranule = 0n;
  let complete = false;
  while (at < buf.length) {
    if (buf.length - at < HEADER_BYTES || !buf.subarray(at, at + 4).equals(CAPTURE)) throw new OggFormatError(`no Ogg page at byte ${at}`);
    if (buf[at + 4] !== 0) throw new OggFormatError(`Ogg version ${buf[at + 4]} at byte ${at} is not 0`);
    const headerType = buf[at + 5]!;
    const granule = buf.readBigInt64LE(at + 6);
    const sequence = buf.readUInt32LE(at + 18);
    const crc = buf.readUInt32LE(at + 22);
    const count = buf[at + 26]!;
    const tableEnd = at + HEADER_BYTES + count;
    if (tableEnd > buf.length) throw new OggFormatError(`the Ogg page at byte ${at} is cut short`);
    const lacing = buf.subarray(at + HEADER_BYTES, tableEnd);
    const bodyBytes = lacing.reduce((a, b) => a + b, 0);
    const end = tableEnd + bodyBytes;
    if (end > buf.length) throw new OggFormatError(`the Ogg page at byte ${at} is cut short`);
    const page = Buffer.from(buf.subarray(at, end));
    page.writeUInt32LE(0, 22);
    if (oggCrc(page) !== crc) throw new OggFormatError(`the Ogg page at byte ${at} fails its CRC`);
    if (sequence !== expectSeq) throw new OggFormatError(`Ogg page ${sequence} where ${expectSeq} was expected`);
    expectSeq++;
    if (!(headerType & OGG_CONTINUED) && partial.length > 0) throw new OggFormatError(`a packet ends unfinished before byte ${at}`);
    let p = tableEnd;
    for (const l of lacing) {
      partial.push(buf.subarray(p, p + l));
      p += l;
      if (l < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    if (granule !== -1n) lastGranule = granule;
    if (headerType & OGG_EOS) complete = true;
    at = end;
  }
  return { packets, lastGranule, complete };
}
