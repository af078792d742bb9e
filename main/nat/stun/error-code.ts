import { MAX_TEXT_BYTES, MAX_TEXT_CHARACTERS } from './text-attributes';
import { fault, StunEncodeError, type StunResult } from './errors';

/** An ERROR-CODE value (RFC 8489 §14.8). */
export interface StunErrorCode {
  /** 300..699. */
  readonly code: number;
  readonly reason: string;
}

/** RFC 8489 §14.8: the reason phrases the RFC suggests. */
export const STUN_ERROR_REASONS: Readonly<Record<number, string>> = {
  300: 'Try Alternate',
  400: 'Bad Request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  420: 'Unknown Attribute',
  438: 'Stale Nonce',
  500: 'Server Error',
};

/** RFC 8489 §14.8: 21 reserved zero bits, the class (hundreds, 3..6), the number (0..99), the reason phrase. */
export function encodeErrorCode(code: number, reason = STUN_ERROR_REASONS[code] ?? ''): Buffer {
  if (!Number.isInteger(code) || code < 300 || code > 699) throw new StunEncodeError(`error code ${code} is outside 300..699`);
  const phrase = Buffer.from(reason, 'utf8');
  if (phrase.length > MAX_TEXT_BYTES || [...reason].length > MAX_TEXT_CHARACTERS) throw new StunEncodeError('reason phrase is longer than 127 characters');
  const out = Buffer.alloc(4 + phrase.length);
  out[2] = Math.floor(code / 100);
  out[3] = code % 100;
  phrase.copy(out, 4);
  return out;
}

/** RFC 8489 §14.8: reads ERROR-CODE. */
export function decodeErrorCode(value: Uint8Array): StunResult<StunErrorCode> {
  if (value.length < 4) return fault('truncated', `ERROR-CODE of ${value.length} bytes`);
  const errorClass = value[2]! & 0x07;
  const number = value[3]!;
  if (errorClass < 3 || errorClass > 6) return fault('value', `ERROR-CODE class ${errorClass} is outside 3..6`);
  if (number > 99) return fault('value', `ERROR-CODE number ${number} is above 99`);
  let reason: string;
  try {
    reason = new TextDecoder('utf-8', { fatal: true }).decode(value.subarray(4));
  } catch {
    return fault('value', 'ERROR-CODE reason phrase is not valid UTF-8');
  }
  return { ok: true, value: { code: errorClass * 100 + number, reason } };
}
