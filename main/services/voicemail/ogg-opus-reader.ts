import { OpusCodec } from '../../media/codecs';
import { OggFormatError, readOggPackets } from './ogg-page';
import { OPUS_RATE, parseOpusHead } from './opus-stream';

/**
 * Decodes a mono Ogg Opus file (as the voicemail writes them) to 48 kHz 16-bit PCM: the
 * pre-skip is dropped and the end trimmed to the last granule position (RFC 7845 §4.2, §4.4).
 */
export function decodeOggOpus(data: Uint8Array): { sampleRate: number; samples: Int16Array } {
  const { packets, lastGranule } = readOggPackets(data);
  const head = packets[0] ? parseOpusHead(packets[0]) : undefined;
  if (!head) throw new OggFormatError('the file does not start with an Opus identification header');
  if (head.channels !== 1) throw new OggFormatError(`a voicemail has one channel, this file has ${head.channels}`);
  if (!packets[1] || Buffer.from(packets[1]).toString('latin1', 0, 8) !== 'OpusTags') throw new OggFormatError('the Opus comment header is missing');
  const codec = new OpusCodec();
  const chunks: Int16Array[] = [];
  let total = 0;
  try {
    for (const p of packets.slice(2)) {
      if (p.length === 0) continue;
      const pcm = codec.decode(p);
      chunks.push(pcm);
      total += pcm.length;
    }
  } finally {
    codec.dispose();
  }
  const all = new Int16Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  const wanted = Number(lastGranule) - head.preSkip;
  const end = Math.max(head.preSkip, Math.min(total, head.preSkip + Math.max(0, wanted)));
  return { sampleRate: OPUS_RATE, samples: all.slice(Math.min(head.preSkip, total), end) };
}
