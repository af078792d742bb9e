import { randomRtpBases } from '../rtp';
import type { DtmfStream } from '../dtmf';

/**
 * Numbering of our outgoing RTP source: random SSRC, sequence and timestamp bases (RFC 3550
 * §5.1, §8.1), the marker bit on the first packet of a talk spurt (RFC 3551 §4.1). Audio and
 * DTMF events share it (RFC 4733 §2.1).
 */
export class SendStream implements DtmfStream {
  readonly ssrc: number;
  private seq: number;
  private ts: number;
  private talkspurt = true;

  constructor() {
    const bases = randomRtpBases();
    this.ssrc = bases.ssrc;
    this.seq = bases.sequenceNumber;
    this.ts = bases.timestamp;
  }

  nextSequence(): number {
    const s = this.seq;
    this.seq = (this.seq + 1) & 0xffff;
    return s;
  }

  currentTimestamp(): number {
    return this.ts;
  }

  /** Stamps an audio packet and moves the timestamp on by its samples. */
  nextAudio(samples: number): { sequenceNumber: number; timestamp: number; marker: boolean } {
    const stamp = { sequenceNumber: this.nextSequence(), timestamp: this.ts, marker: this.talkspurt };
    this.talkspurt = false;
    this.ts = (this.ts + samples) >>> 0;
    return stamp;
  }

  /** Time passes without audio packets (DTX, DTMF, hold): the timestamp runs, the next packet is marked. */
  skip(samples: number): void {
    this.ts = (this.ts + samples) >>> 0;
    this.talkspurt = true;
  }
}
