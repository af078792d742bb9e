/**
 * Ogg Opus headers (RFC 7845 §5): the identification header "OpusHead" and the comment
 * header "OpusTags".
 */
export const OPUS_RATE = 48000;
/** libopus' look-ahead at 48 kHz: the decoder drops this many samples first (RFC 7845 §4.2). */
export const OPUS_PRE_SKIP = 312;

/** RFC 7845 §5.1: version 1, mono, pre-skip, the input rate, gain 0, channel mapping family 0. */
export function opusHead(preSkip = OPUS_PRE_SKIP, inputRate = OPUS_RATE): Buffer {
  const h = Buffer.alloc(19);
  h.write('OpusHead', 0, 'latin1');
  h[8] = 1;
  h[9] = 1;
  h.writeUInt16LE(preSkip, 10);
  h.writeUInt32LE(inputRate, 12);
  h.writeInt16LE(0, 16);
  h[18] = 0;
  return h;
}

/** RFC 7845 §5.2: vendor string and user comments (UTF-8 "NAME=value"). */
export function opusTags(vendor: string, comments: readonly string[] = []): Buffer {
  const parts: Buffer[] = [Buffer.from('OpusTags', 'latin1')];
  const v = Buffer.from(vendor, 'utf8');
  parts.push(u32(v.length), v, u32(comments.length));
  for (const c of comments) {
    const b = Buffer.from(c, 'utf8');
    parts.push(u32(b.length), b);
  }
  return Buffer.concat(parts);
}

export interface OpusHeadInfo {
  channels: number;
  preSkip: number;
  inputRate: number;
  gainDb: number;
  mappingFamily: number;
}

/** Reads an OpusHead packet; undefined when it is not one this player can use (mono or stereo, family 0). */
export function parseOpusHead(p: Uint8Array): OpusHeadInfo | undefined {
  const b = Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  if (b.length < 19 || b.toString('latin1', 0, 8) !== 'OpusHead') return undefined;
  // RFC 7845 §5.1: a major version other than 0 is not ours to read.
  if (b[8]! >> 4 !== 0) return undefined;
  const info = { channels: b[9]!, preSkip: b.readUInt16LE(10), inputRate: b.readUInt32LE(12), gainDb: b.readInt16LE(16) / 256, mappingFamily: b[18]! };
  if (info.mappingFamily !== 0 || info.channels < 1 || info.channels > 2) return undefined;
  return info;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
