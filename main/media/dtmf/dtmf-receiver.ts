import { dtmfDigit, parseTelephoneEvent } from '../rtp';

/** One digit received. */
export interface DtmfDigitEvent {
  readonly digit: string;
  /** RFC 4733 §3.2 event code. */
  readonly event: number;
  /** The event's duration as the sender reported it, ms. */
  readonly durationMs: number;
}

/** The fields of a telephone-event RTP packet the receiver needs. */
export interface DtmfPacket {
  readonly ssrc: number;
  readonly timestamp: number;
  readonly payload: Uint8Array;
}

/** Finished events remembered, so that retransmitted end packets are not reported again. */
const REMEMBERED = 32;

/**
 * Detects DTMF digits in an RFC 4733 telephone-event stream. An event is one RTP timestamp
 * (§2.5.2.1); it is reported once, at its first end packet, or when a new event starts before
 * any end packet came (all three lost). Updates, repeated end packets and retransmissions of
 * a finished event are ignored; non-DTMF events are not reported.
 */
export class DtmfReceiver {
  private current: { key: string; event: number; duration: number } | undefined;
  private readonly finished: string[] = [];

  constructor(
    private readonly clockRate: number,
    private readonly onDigit: (event: DtmfDigitEvent) => void,
  ) {}

  /** Takes one telephone-event packet; malformed payloads are ignored. */
  onPacket(packet: DtmfPacket): void {
    const parsed = parseTelephoneEvent(packet.payload);
    if (!parsed.ok) return;
    const e = parsed.value;
    const key = `${packet.ssrc}:${packet.timestamp}`;
    if (this.finished.includes(key)) return;
    if (this.current && this.current.key !== key) this.finish(); // its end packets were all lost
    if (!this.current) this.current = { key, event: e.event, duration: 0 };
    this.current.duration = Math.max(this.current.duration, e.duration);
    if (e.end) this.finish();
  }

  /** Reports an event still in progress (call when the stream stops). */
  flush(): void {
    if (this.current) this.finish();
  }

  private finish(): void {
    const c = this.current!;
    this.current = undefined;
    this.finished.push(c.key);
    if (this.finished.length > REMEMBERED) this.finished.shift();
    const digit = dtmfDigit(c.event);
    if (digit !== undefined) this.onDigit({ digit, event: c.event, durationMs: (c.duration * 1000) / this.clockRate });
  }
}
