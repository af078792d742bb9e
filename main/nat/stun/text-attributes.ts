import { STUN_ATTR } from './constants';
import { fault, StunEncodeError, type StunResult } from './errors';
import type { StunAttribute } from './stun-message';

/** RFC 8489 §14.3: USERNAME is fewer than 509 bytes of UTF-8. */
export const MAX_USERNAME_BYTES = 508;

/** RFC 8489 §14.9, §14.10, §14.14, §14.8: REALM, NONCE, SOFTWARE and reason phrases: < 128 characters, ≤ 763 bytes. */
export const MAX_TEXT_CHARACTERS = 127;
export const MAX_TEXT_BYTES = 763;

/** The UTF-8 text attributes: USERNAME, REALM, NONCE, SOFTWARE (RFC 8489 §14.3, §14.9, §14.10, §14.14). */
export type TextAttributeType = typeof STUN_ATTR.USERNAME | typeof STUN_ATTR.REALM | typeof STUN_ATTR.NONCE | typeof STUN_ATTR.SOFTWARE;

/** Builds a UTF-8 text attribute, refusing values longer than the RFC allows. */
export function textAttribute(type: TextAttributeType, text: string): StunAttribute {
  const value = Buffer.from(text, 'utf8');
  const problem = lengthProblem(type, text, value.length);
  if (problem) throw new StunEncodeError(problem);
  return { type, value };
}

/** Reads a UTF-8 text attribute; invalid UTF-8 or an over-long value is a fault. */
export function decodeText(type: TextAttributeType, value: Uint8Array): StunResult<string> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    return fault('value', 'text attribute is not valid UTF-8');
  }
  const problem = lengthProblem(type, text, value.length);
  return problem ? fault('value', problem) : { ok: true, value: text };
}

function lengthProblem(type: number, text: string, bytes: number): string | undefined {
  if (type === STUN_ATTR.USERNAME) return bytes > MAX_USERNAME_BYTES ? `USERNAME of ${bytes} bytes is longer than 508` : undefined;
  if (bytes > MAX_TEXT_BYTES) return `text attribute of ${bytes} bytes is longer than 763`;
  const characters = [...text].length;
  return characters > MAX_TEXT_CHARACTERS ? `text attribute of ${characters} characters is longer than 127` : undefined;
}
