import { randomBytes } from 'node:crypto';

/** Random starting values for a new RTP source (RFC 3550 §5.1, §8.1). */
export interface RtpBases {
  ssrc: number;
  sequenceNumber: number;
  timestamp: number;
}

/** A source of random 32-bit words; injectable for tests. */
export type RandomWords = () => number;

export const cryptoRandomWord: RandomWords = () => randomBytes(4).readUInt32BE(0);

/** RFC 3550 §5.1: the initial sequence number and timestamp SHOULD be random; §8.1: so is the SSRC. */
export function randomRtpBases(random: RandomWords = cryptoRandomWord): RtpBases {
  return { ssrc: random() >>> 0, sequenceNumber: random() & 0xffff, timestamp: random() >>> 0 };
}

export interface RtpStamp {
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
}

/**
 * Sequence numbers, timestamps and the marker bit for one outgoing source. RFC 3551 §4.1:
 * for audio the marker is set on the first packet after a silence (a talkspurt), and we also
 * set it on the first packet of the stream.
 */
export class RtpStamper {
  private seq: number;
  private ts: number;
  private talkspurt = true;

  constructor(readonly bases: RtpBases) {
    this.seq = bases.sequenceNumber & 0xffff;
    this.ts = bases.timestamp >>> 0;
  }

  get ssrc(): number {
    return this.bases.ssrc;
  }

  /** The next packet's stamp; the timestamp then moves on by `samples` (RFC 3550 §5.1, wraps mod 2^32). */
  next(samples: number): RtpStamp {
    const stamp = { sequenceNumber: this.seq, timestamp: this.ts, marker: this.talkspurt };
    this.talkspurt = false;
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + samples) >>> 0;
    return stamp;
  }

  /** Time passed without packets (silence suppression): the timestamp moves, the sequence does not. */
  skip(samples: number): void {
    this.ts = (this.ts + samples) >>> 0;
  }

  /** The next packet starts a talkspurt and carries the marker bit. */
  startTalkspurt(): void {
    this.talkspurt = true;
  }
}
