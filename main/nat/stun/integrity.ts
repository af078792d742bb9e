import { createHmac, timingSafeEqual } from 'node:crypto';
import { HEADER_LENGTH, STUN_ATTR } from './constants';
import type { StunCheck } from './fingerprint';
import type { DecodedStunMessage } from './stun-message';

/** RFC 8489 §14.5: HMAC-SHA1 is 20 bytes. */
export const MESSAGE_INTEGRITY_LENGTH = 20;

/** RFC 8489 §14.6: HMAC-SHA256, at least 16 bytes, a multiple of 4, at most 32. */
export const MESSAGE_INTEGRITY_SHA256_LENGTH = 32;

/**
 * RFC 8489 §14.5/§14.6: the HMAC over the message up to the attribute at `offset`, with the
 * header's length field set as if the message ended right after that attribute's value.
 */
export function integrityHmac(message: Uint8Array, offset: number, valueLength: number, algorithm: 'sha1' | 'sha256', key: Uint8Array): Buffer {
  const covered = Buffer.from(message.subarray(0, offset));
  covered.writeUInt16BE(offset - HEADER_LENGTH + 4 + valueLength, 2);
  return createHmac(algorithm, key).update(covered).digest();
}

/** RFC 8489 §14.5: checks MESSAGE-INTEGRITY (HMAC-SHA1) with a short-term or long-term key. */
export function verifyMessageIntegrity(message: DecodedStunMessage, key: Uint8Array): StunCheck {
  const attribute = message.attributes.find((a) => a.type === STUN_ATTR.MESSAGE_INTEGRITY);
  if (!attribute) return 'absent';
  if (attribute.value.length !== MESSAGE_INTEGRITY_LENGTH) return 'invalid';
  const mac = integrityHmac(message.raw, attribute.offset, MESSAGE_INTEGRITY_LENGTH, 'sha1', key);
  return timingSafeEqual(mac, attribute.value) ? 'valid' : 'invalid';
}

/** RFC 8489 §14.6: checks MESSAGE-INTEGRITY-SHA256, possibly truncated to 16..32 bytes. */
export function verifyMessageIntegritySha256(message: DecodedStunMessage, key: Uint8Array): StunCheck {
  const attribute = message.attributes.find((a) => a.type === STUN_ATTR.MESSAGE_INTEGRITY_SHA256);
  if (!attribute) return 'absent';
  const length = attribute.value.length;
  // RFC 8489 §14.6: the value MUST be at least 16 bytes and a multiple of 4
  if (length < 16 || length > MESSAGE_INTEGRITY_SHA256_LENGTH || length % 4 !== 0) return 'invalid';
  const mac = integrityHmac(message.raw, attribute.offset, length, 'sha256', key).subarray(0, length);
  return timingSafeEqual(mac, attribute.value) ? 'valid' : 'invalid';
}
