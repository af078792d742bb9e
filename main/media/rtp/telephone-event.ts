import { fault, RtpParseError, type RtpResult } from './errors';

/** RFC 4733 §2.3: one named telephone event. */
export interface TelephoneEvent {
  /** Event code: 0-9, 10 (*), 11 (#), 12-15 (A-D) for DTMF (§3.2), up to 255. */
  event: number;
  /** E bit: the last packets of the event. */
  end: boolean;
  /** Power level in -dBm0, 0..63 (§2.3.4). */
  volume: number;
  /** Duration in timestamp units since the event's timestamp (§2.3.5). */
  duration: number;
}

/** RFC 4733 §2.3: the event payload is four octets. */
export const TELEPHONE_EVENT_LENGTH = 4;

const DTMF = '0123456789*#ABCD';

/** RFC 4733 §3.2, Table 7: the event code of a DTMF digit. */
export function dtmfEventCode(digit: string): number | undefined {
  const i = DTMF.indexOf(digit.toUpperCase());
  return digit.length === 1 && i >= 0 ? i : undefined;
}

/** The DTMF digit of an event code, when it is one. */
export function dtmfDigit(event: number): string | undefined {
  return event >= 0 && event < DTMF.length ? DTMF[event] : undefined;
}

/** RFC 4733 §2.3: event (8) | E (1) | R (1) | volume (6) | duration (16). R is ignored on receipt. */
export function parseTelephoneEvent(payload: Uint8Array): RtpResult<TelephoneEvent> {
  if (payload.length < TELEPHONE_EVENT_LENGTH) return fault('truncated', `telephone-event payload of ${payload.length} octets, expected 4`);
  return {
    ok: true,
    value: {
      event: payload[0]!,
      end: (payload[1]! & 0x80) !== 0,
      volume: payload[1]! & 0x3f,
      duration: (payload[2]! << 8) | payload[3]!,
    },
  };
}

/** Writes the four-octet payload; the R bit is sent as zero (§2.3). */
export function serializeTelephoneEvent(e: TelephoneEvent): Buffer {
  if (e.event < 0 || e.event > 255) throw new RtpParseError('value', `event ${e.event} is outside 0..255`);
  if (e.volume < 0 || e.volume > 63) throw new RtpParseError('value', `volume ${e.volume} is outside 0..63`);
  if (e.duration < 0 || e.duration > 0xffff) throw new RtpParseError('value', `duration ${e.duration} is outside 0..65535`);
  return Buffer.from([e.event, (e.end ? 0x80 : 0) | e.volume, e.duration >>> 8, e.duration & 0xff]);
}
