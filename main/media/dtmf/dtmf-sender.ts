import type { Clock, TimerHandle } from '../../lib/clock';
import { dtmfEventCode, serializeRtpPacket, serializeTelephoneEvent } from '../rtp';
import { DtmfDigitError } from './errors';

/** The outgoing RTP stream the events belong to (RFC 4733 §2.1: same SSRC and sequence space as the audio). */
export interface DtmfStream {
  readonly ssrc: number;
  /** The next sequence number of the stream, consumed. */
  nextSequence(): number;
  /** The RTP timestamp the stream's next audio packet would carry now. */
  currentTimestamp(): number;
}

export interface DtmfSenderOptions {
  /** The negotiated telephone-event payload type and its clock rate (RFC 4733 §7.1.1). */
  payloadType: number;
  clockRate: number;
  /** Tone length per digit, ms; default 100. */
  durationMs?: number;
  /** Pause between the start of one digit's end and the next digit, ms; default 50. */
  gapMs?: number;
  /** Interval of update packets, ms; default 50 (RFC 4733 §2.5.1.2). */
  updateMs?: number;
  /** Interval between the retransmitted end packets, ms; default 20. */
  endSpacingMs?: number;
  /** Power level in −dBm0 (RFC 4733 §2.3.4); default 10. */
  volume?: number;
}

/** RFC 4733 §2.5.1.4: the end packet is sent three times. */
const END_COPIES = 3;

/**
 * Sends DTMF digits as RFC 4733 telephone events, queued one after another. Per digit: a start
 * packet with the marker bit, updates every `updateMs` at the same timestamp with a growing
 * duration, then three end packets with the E bit and the final duration. While `active`,
 * the stream's audio should pause (its timestamps keep running).
 */
export class DtmfSender {
  private readonly queue: number[] = [];
  private timer: TimerHandle | undefined;
  private current: { event: number; timestamp: number; elapsedMs: number; ends: number } | undefined;
  private readonly durationMs: number;
  private readonly gapMs: number;
  private readonly updateMs: number;
  private readonly endSpacingMs: number;
  private readonly volume: number;

  constructor(
    private readonly clock: Clock,
    private readonly stream: DtmfStream,
    private readonly transmit: (packet: Buffer) => void,
    private readonly options: DtmfSenderOptions,
  ) {
    this.durationMs = options.durationMs ?? 100;
    this.gapMs = options.gapMs ?? 50;
    this.updateMs = options.updateMs ?? 50;
    this.endSpacingMs = options.endSpacingMs ?? 20;
    this.volume = options.volume ?? 10;
  }

  /** Whether an event is on the wire (from its start packet to its last end packet). */
  get active(): boolean {
    return this.current !== undefined;
  }

  /** Digits still waiting, the current one excluded. */
  get queued(): number {
    return this.queue.length;
  }

  /** Queues digits; refuses the whole string when any character is not a DTMF digit. */
  send(digits: string): { ok: true } | { ok: false; error: DtmfDigitError } {
    const codes = [...digits].map((d) => dtmfEventCode(d));
    if (digits.length === 0 || codes.some((c) => c === undefined)) return { ok: false, error: new DtmfDigitError(digits) };
    this.queue.push(...(codes as number[]));
    if (!this.current && !this.timer) this.startNext();
    return { ok: true };
  }

  /** Drops queued digits and stops at once (an event in progress gets no end packets). */
  stop(): void {
    this.queue.length = 0;
    this.current = undefined;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private startNext(): void {
    this.timer = undefined;
    const event = this.queue.shift();
    if (event === undefined) return;
    this.current = { event, timestamp: this.stream.currentTimestamp(), elapsedMs: 0, ends: 0 };
    this.update();
  }

  /** RFC 4733 §2.5.1.2: each update carries the duration covered once it is played. */
  private update(): void {
    const c = this.current!;
    const covered = Math.min(this.durationMs, c.elapsedMs + this.updateMs);
    this.emit(c.elapsedMs === 0, false, covered);
    c.elapsedMs += this.updateMs;
    if (c.elapsedMs < this.durationMs) {
      this.timer = this.clock.setTimeout(() => this.update(), this.updateMs);
    } else {
      this.timer = this.clock.setTimeout(() => this.end(), this.durationMs - (c.elapsedMs - this.updateMs));
    }
  }

  /** RFC 4733 §2.5.1.3, §2.5.1.4: the end packet, three times, same timestamp and final duration. */
  private end(): void {
    const c = this.current!;
    this.emit(false, true, this.durationMs);
    c.ends++;
    if (c.ends < END_COPIES) {
      this.timer = this.clock.setTimeout(() => this.end(), this.endSpacingMs);
      return;
    }
    this.current = undefined;
    const sinceEnd = (END_COPIES - 1) * this.endSpacingMs;
    this.timer = this.queue.length > 0 ? this.clock.setTimeout(() => this.startNext(), Math.max(0, this.gapMs - sinceEnd)) : undefined;
  }

  private emit(marker: boolean, end: boolean, durationMs: number): void {
    const c = this.current!;
    // RFC 4733 §2.5.1.5: duration in timestamp units, at most 0xffff
    const duration = Math.min(0xffff, Math.round((durationMs * this.options.clockRate) / 1000));
    const payload = serializeTelephoneEvent({ event: c.event, end, volume: this.volume, duration });
    this.transmit(
      serializeRtpPacket({
        marker, // RFC 4733 §2.5.1.2: the marker bit on the first packet of an event only
        payloadType: this.options.payloadType,
        sequenceNumber: this.stream.nextSequence(),
        timestamp: c.timestamp,
        ssrc: this.stream.ssrc,
        csrcs: [],
        payload,
        paddingLength: 0,
      }),
    );
  }
}
