import { COMPREHENDED_ATTRIBUTES, HEADER_LENGTH, MAGIC_COOKIE, STUN_ATTR, TRANSACTION_ID_LENGTH, isComprehensionRequired } from './constants';
import { fault, type StunResult } from './errors';
import { decodeMessageType } from './message-type';
import type { DecodedAttribute, DecodedStunMessage } from './stun-message';

export interface StunDecodeOptions {
  /** More comprehension-required types the caller understands (TURN, ICE extensions), beyond this module's own. */
  comprehended?: Iterable<number>;
}

/** RFC 8489 §6.3 and RFC 7983 §7: a cheap test that a datagram is STUN (two zero bits, the magic cookie). */
export function looksLikeStun(data: Uint8Array): boolean {
  if (data.length < HEADER_LENGTH) return false;
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return (b[0]! & 0xc0) === 0 && b.readUInt32BE(4) === MAGIC_COOKIE && (b.readUInt16BE(2) & 3) === 0;
}

/**
 * Reads one STUN message from a datagram (RFC 8489 §5, §14). Never throws: garbage gives a
 * StunParseError value. Attribute values are views into `data`, not copies.
 */
export function decodeStunMessage(data: Uint8Array, options: StunDecodeOptions = {}): StunResult<DecodedStunMessage> {
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (raw.length < HEADER_LENGTH) return fault('truncated', `${raw.length} bytes is shorter than the 20-byte STUN header`);
  // RFC 8489 §5: the most significant 2 bits of every STUN message are zeroes
  if ((raw[0]! & 0xc0) !== 0) return fault('not-stun', 'the first two bits are not zero');
  if (raw.readUInt32BE(4) !== MAGIC_COOKIE) return fault('not-stun', 'no magic cookie (RFC 3489 messages are not supported)');
  const length = raw.readUInt16BE(2);
  // RFC 8489 §5: the length counts the attributes only, always a multiple of 4
  if (length % 4 !== 0) return fault('length', `message length ${length} is not a multiple of 4`);
  if (HEADER_LENGTH + length > raw.length) return fault('truncated', `message length ${length} runs past the ${raw.length - HEADER_LENGTH} bytes after the header`);
  if (HEADER_LENGTH + length < raw.length) return fault('length', `message length ${length} leaves ${raw.length - HEADER_LENGTH - length} bytes unaccounted for`);
  const { method, messageClass } = decodeMessageType(raw.readUInt16BE(0));
  const comprehended = new Set([...COMPREHENDED_ATTRIBUTES, ...(options.comprehended ?? [])]);

  const attributes: DecodedAttribute[] = [];
  const unknownRequired: number[] = [];
  let afterIntegrity = false;
  let afterIntegritySha256 = false;
  let afterFingerprint = false;
  let offset = HEADER_LENGTH;
  while (offset < raw.length) {
    if (offset + 4 > raw.length) return fault('truncated', `attribute header at byte ${offset} runs past the message`);
    const type = raw.readUInt16BE(offset);
    const valueLength = raw.readUInt16BE(offset + 2);
    // RFC 8489 §14: values are padded to a multiple of 4 bytes
    const padded = (valueLength + 3) & ~3;
    if (offset + 4 + padded > raw.length) return fault('truncated', `attribute 0x${type.toString(16).padStart(4, '0')} of ${valueLength} bytes runs past the message`);
    // RFC 8489 §14.7: FINGERPRINT is the last attribute
    if (afterFingerprint) return fault('layout', `attribute 0x${type.toString(16).padStart(4, '0')} follows FINGERPRINT`);
    const attribute: DecodedAttribute = { type, value: raw.subarray(offset + 4, offset + 4 + valueLength), offset };
    offset += 4 + padded;
    if (type === STUN_ATTR.FINGERPRINT) {
      afterFingerprint = true;
    } else if (afterIntegritySha256) {
      // RFC 8489 §14.6: only FINGERPRINT may follow MESSAGE-INTEGRITY-SHA256; anything else is ignored
      continue;
    } else if (afterIntegrity && type !== STUN_ATTR.MESSAGE_INTEGRITY_SHA256) {
      // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are ignored, but for MESSAGE-INTEGRITY-SHA256 and FINGERPRINT
      continue;
    }
    if (type === STUN_ATTR.MESSAGE_INTEGRITY) afterIntegrity = true;
    if (type === STUN_ATTR.MESSAGE_INTEGRITY_SHA256) afterIntegritySha256 = true;
    if (isComprehensionRequired(type) && !comprehended.has(type) && !unknownRequired.includes(type)) unknownRequired.push(type);
    attributes.push(attribute);
  }
  return {
    ok: true,
    value: {
      method,
      messageClass,
      transactionId: raw.subarray(8, 8 + TRANSACTION_ID_LENGTH),
      attributes,
      raw,
      unknownRequired,
    },
  };
}
