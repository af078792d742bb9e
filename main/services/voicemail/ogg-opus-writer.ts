import fs from 'node:fs';
import { randomInt } from 'node:crypto';
import { OpusCodec } from '../../media/codecs';
import { encodeOggPage, OGG_BOS, OGG_EOS, segmentsFor } from './ogg-page';
import { OPUS_PRE_SKIP, OPUS_RATE, opusHead, opusTags } from './opus-stream';

/** Audio pages are flushed about once a second (50 packets of 20 ms). */
const PACKETS_PER_PAGE = 50;
const VOICEMAIL_BITRATE = 24000;

/**
 * Encodes 48 kHz mono 20 ms frames to an Ogg Opus file (RFC 7845) as they arrive. The file is
 * written under a temporary name and synced and renamed by finish(): a crash leaves no
 * half-written file under the final name.
 */
export class OggOpusWriter {
  private readonly codec = new OpusCodec({ bitrate: VOICEMAIL_BITRATE });
  private readonly fd: number;
  private readonly serial = randomInt(0, 0xffffffff);
  private sequence = 0;
  private pending: Uint8Array[] = [];
  private pendingSegments = 0;
  private samples = 0;
  private bytes = 0;
  private done = false;

  constructor(
    readonly file: string,
    private readonly partFile = `${file}.part`,
  ) {
    this.fd = fs.openSync(partFile, 'w', 0o600);
    try {
      this.page(OGG_BOS, 0n, [opusHead()]);
      this.page(0, 0n, [opusTags('LiteSIP voicemail')]);
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Samples written so far at 48 kHz. */
  get durationMs(): number {
    return Math.round((this.samples * 1000) / OPUS_RATE);
  }

  write(frame: Int16Array): void {
    if (this.done) return;
    this.push(this.codec.encode(frame), frame.length);
  }

  /** Queues a packet for the current page; `samples` it adds to the stream's length. */
  private push(packet: Uint8Array, samples: number): void {
    const segments = segmentsFor(packet.length);
    if (this.pendingSegments + segments > 255) this.flush(0);
    this.pending.push(packet);
    this.pendingSegments += segments;
    this.samples += samples;
    if (this.pending.length >= PACKETS_PER_PAGE) this.flush(0);
  }

  /** Writes the last page (RFC 3533 end of stream), syncs, renames into place; returns the file's size. */
  finish(): { bytes: number; durationMs: number } {
    if (this.done) throw new Error('the recording is already closed');
    try {
      // One more frame of silence flushes the encoder's look-ahead, so decoding gives every
      // sample written; the last granule position still ends the stream there (RFC 7845 §4.4).
      if (this.samples > 0) this.push(this.codec.encode(new Int16Array(960)), 0);
      this.flush(OGG_EOS, true);
      fs.fsyncSync(this.fd);
    } finally {
      this.done = true;
      fs.closeSync(this.fd);
      this.codec.dispose();
    }
    fs.renameSync(this.partFile, this.file);
    return { bytes: this.bytes, durationMs: this.durationMs };
  }

  /** Drops the recording and its temporary file. */
  abort(): void {
    if (!this.done) {
      this.done = true;
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed
      }
      this.codec.dispose();
    }
    fs.rmSync(this.partFile, { force: true });
  }

  private flush(flags: number, force = false): void {
    if (this.pending.length === 0 && !force) return;
    // RFC 7845 §4: a page's granule position counts samples (with the pre-skip) through its last packet.
    this.page(flags, BigInt(OPUS_PRE_SKIP + this.samples), this.pending);
    this.pending = [];
    this.pendingSegments = 0;
  }

  private page(flags: number, granule: bigint, packets: Uint8Array[]): void {
    const page = encodeOggPage({ headerType: flags, granule, serial: this.serial, sequence: this.sequence++, packets });
    fs.writeSync(this.fd, page);
    this.bytes += page.length;
  }
}
