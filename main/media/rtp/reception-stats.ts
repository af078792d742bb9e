import type { SenderInfo, ReportBlock } from './rtcp-types';
import { ntpMiddle } from './ntp-time';

/** RFC 3550 §A.1: source validation constants. */
export const MAX_DROPOUT = 3000;
export const MAX_MISORDER = 100;
export const MIN_SEQUENTIAL = 2;
const RTP_SEQ_MOD = 0x10000;

export interface ReceptionOptions {
  /** RTP clock rate of the payload, Hz (8000 for PCMU). */
  clockRate: number;
  /** RFC 3550 §A.1: in-sequence packets needed before a source is valid. 0 trusts the first (e.g. SRTP-authenticated). */
  minSequential?: number;
}

/**
 * Reception statistics of one remote source: sequence validation and extended highest
 * sequence number (RFC 3550 §A.1), loss (§A.3), interarrival jitter (§A.8) and the LSR/DLSR
 * bookkeeping of §6.4.1. Times are milliseconds from any monotonic clock.
 */
export class ReceptionStats {
  private readonly clockRate: number;
  private probation: number;
  private started = false;
  private maxSeq = 0;
  private cycles = 0;
  private baseSeq = 0;
  private badSeq = RTP_SEQ_MOD + 1;
  private receivedCount = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private transit: number | undefined;
  private jitterValue = 0;
  private lastSr = 0;
  private lastSrArrival = 0;

  constructor(
    readonly ssrc: number,
    options: ReceptionOptions,
  ) {
    this.clockRate = options.clockRate;
    this.probation = options.minSequential ?? MIN_SEQUENTIAL;
  }

  /** Whether the source passed probation (RFC 3550 §A.1). */
  get valid(): boolean {
    return this.started && this.probation === 0;
  }

  get received(): number {
    return this.receivedCount;
  }

  /** RFC 3550 §A.3: cycles + max_seq. */
  get extendedHighest(): number {
    return this.cycles + this.maxSeq;
  }

  /** RFC 3550 §A.3: expected - received, clamped to the signed 24-bit field. */
  get cumulativeLost(): number {
    if (!this.valid) return 0;
    const expected = this.extendedHighest - this.baseSeq + 1;
    return Math.max(-0x800000, Math.min(0x7fffff, expected - this.receivedCount));
  }

  /** RFC 3550 §A.8: current jitter estimate in timestamp units. */
  get jitter(): number {
    return this.jitterValue;
  }

  private initSeq(seq: number): void {
    this.baseSeq = seq;
    this.maxSeq = seq;
    this.badSeq = RTP_SEQ_MOD + 1;
    this.cycles = 0;
    this.receivedCount = 0;
    this.receivedPrior = 0;
    this.expectedPrior = 0;
  }

  /**
   * Counts one RTP packet. Returns false while the source is on probation and for packets
   * §A.1 throws away (a big jump not yet confirmed); duplicates and late packets count.
   */
  onPacket(seq: number, rtpTimestamp: number, arrivalMs: number): boolean {
    const accepted = this.updateSeq(seq);
    if (accepted) this.updateJitter(rtpTimestamp, arrivalMs);
    return accepted;
  }

  /** RFC 3550 §A.1 update_seq. */
  private updateSeq(seq: number): boolean {
    if (!this.started) {
      this.started = true;
      this.initSeq(seq);
      if (this.probation <= 0) {
        this.probation = 0;
        this.receivedCount = 1;
        return true;
      }
      this.maxSeq = (seq - 1) & 0xffff;
    }
    const udelta = (seq - this.maxSeq) & 0xffff;
    if (this.probation > 0) {
      // packets must be in sequence to end probation
      if (seq === ((this.maxSeq + 1) & 0xffff)) {
        this.probation--;
        this.maxSeq = seq;
        if (this.probation === 0) {
          this.initSeq(seq);
          this.receivedCount++;
          return true;
        }
      } else {
        this.probation = MIN_SEQUENTIAL - 1;
        this.maxSeq = seq;
      }
      return false;
    } else if (udelta < MAX_DROPOUT) {
      // in order, with a permissible gap
      if (seq < this.maxSeq) this.cycles += RTP_SEQ_MOD;
      this.maxSeq = seq;
    } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
      // a very large jump: accept it only when the next packet follows it (the sender restarted)
      if (seq === this.badSeq) {
        this.initSeq(seq);
      } else {
        this.badSeq = (seq + 1) & 0xffff;
        return false;
      }
    }
    // else: duplicate or reordered packet
    this.receivedCount++;
    return true;
  }

  /** RFC 3550 §A.8: J += (|D| - J) / 16 with D the change in transit time, in timestamp units. */
  private updateJitter(rtpTimestamp: number, arrivalMs: number): void {
    const arrival = Math.floor((arrivalMs * this.clockRate) / 1000) >>> 0;
    const transit = (arrival - rtpTimestamp) | 0;
    if (this.transit !== undefined) {
      const d = Math.abs((transit - this.transit) | 0);
      this.jitterValue += (d - this.jitterValue) / 16;
    }
    this.transit = transit;
  }

  /** RFC 3550 §6.4.1: remember the SR's NTP middle bits and when it came, for LSR/DLSR. */
  onSenderReport(sender: SenderInfo, arrivalMs: number): void {
    this.lastSr = ntpMiddle({ seconds: sender.ntpSeconds, fraction: sender.ntpFraction });
    this.lastSrArrival = arrivalMs;
  }

  /** RFC 3550 §6.4.1, §A.3: a report block for this source; the loss interval restarts. */
  reportBlock(nowMs: number): ReportBlock {
    const expected = this.valid ? this.extendedHighest - this.baseSeq + 1 : 0;
    const expectedInterval = expected - this.expectedPrior;
    this.expectedPrior = expected;
    const receivedInterval = this.receivedCount - this.receivedPrior;
    this.receivedPrior = this.receivedCount;
    const lostInterval = expectedInterval - receivedInterval;
    const fractionLost = expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval * 256) / expectedInterval);
    const dlsr = this.lastSr === 0 ? 0 : Math.max(0, Math.round(((nowMs - this.lastSrArrival) / 1000) * 65536));
    return {
      ssrc: this.ssrc,
      fractionLost: Math.min(255, fractionLost),
      cumulativeLost: this.cumulativeLost,
      highestSequence: this.extendedHighest >>> 0,
      jitter: Math.floor(this.jitterValue) >>> 0,
      lastSr: this.lastSr,
      delaySinceLastSr: dlsr >>> 0,
    };
  }
}

/**
 * RFC 3550 §6.4.1: round-trip time from a report block about our own SR, given the NTP
 * middle 32 bits of when the report arrived: A - LSR - DLSR, in seconds. Undefined when
 * the block names no SR or the result is not plausible (clock skew, a stale block).
 */
export function roundTripTime(block: ReportBlock, arrivalNtpMiddle: number): number | undefined {
  if (block.lastSr === 0) return undefined;
  const rtt = (arrivalNtpMiddle - block.lastSr - block.delaySinceLastSr) >>> 0;
  if (rtt >= 0x80000000) return undefined;
  return rtt / 65536;
}
