import { crc32 } from 'node:zlib';
import { FINGERPRINT_XOR, STUN_ATTR } from './constants';
import type { DecodedStunMessage } from './stun-message';

/** How a check of FINGERPRINT or MESSAGE-INTEGRITY came out. */
export type StunCheck = 'valid' | 'absent' | 'invalid';

/** RFC 8489 §14.7: CRC-32 of the message up to (not including) FINGERPRINT, XOR'ed with 0x5354554e. */
export function fingerprintOf(messageBefore: Uint8Array): number {
  return (crc32(messageBefore) ^ FINGERPRINT_XOR) >>> 0;
}

/**
 * RFC 8489 §14.7: checks FINGERPRINT against the bytes that precede it, the length field already
 * counting FINGERPRINT itself (as it did when the sender computed it).
 */
export function verifyFingerprint(message: DecodedStunMessage): StunCheck {
  const attribute = message.attributes.find((a) => a.type === STUN_ATTR.FINGERPRINT);
  if (!attribute) return 'absent';
  if (attribute.value.length !== 4) return 'invalid';
  // The decoder only accepts FINGERPRINT as the last attribute, so the length field is already right.
  return fingerprintOf(message.raw.subarray(0, attribute.offset)) === attribute.value.readUInt32BE(0) ? 'valid' : 'invalid';
}
