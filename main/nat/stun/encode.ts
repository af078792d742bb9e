import { HEADER_LENGTH, MAGIC_COOKIE, STUN_ATTR, TRANSACTION_ID_LENGTH } from './constants';
import { StunEncodeError } from './errors';
import { fingerprintOf } from './fingerprint';
import { integrityHmac, MESSAGE_INTEGRITY_LENGTH, MESSAGE_INTEGRITY_SHA256_LENGTH } from './integrity';
import { encodeMessageType } from './message-type';
import type { StunMessage } from './stun-message';


export interface StunEncodeOptions {
  /** Appends MESSAGE-INTEGRITY (HMAC-SHA1) with this key (RFC 8489 §14.5). */
  integrityKey?: Uint8Array;
  /** Appends MESSAGE-INTEGRITY-SHA256 with this key (RFC 8489 §14.6), after MESSAGE-INTEGRITY if both are asked for. */
  integritySha256Key?: Uint8Array;
  /** Length of the MESSAGE-INTEGRITY-SHA256 value: 16..32, a multiple of 4 (default 32). */
  integritySha256Length?: number;
  /** Appends FINGERPRINT last (RFC 8489 §14.7). */
  fingerprint?: boolean;
  /**
   * The padding byte. RFC 8489 §14 sends zeroes; RFC 5389 allowed any value, and the RFC 5769
   * vectors pad with 0x20, so tests that rebuild them byte for byte set it.
   */
  paddingByte?: number;
}

const MAX_BODY = 0xffff - 3;

/** Writes a STUN message (RFC 8489 §5, §14), then the integrity attributes and FINGERPRINT in the order §14.5–§14.7 fix. */
export function encodeStunMessage(message: StunMessage, options: StunEncodeOptions = {}): Buffer {
  if (message.transactionId.length !== TRANSACTION_ID_LENGTH) throw new StunEncodeError(`a transaction ID is 12 bytes, got ${message.transactionId.length}`);
  if (message.method < 0 || message.method > 0xfff) throw new StunEncodeError(`method 0x${message.method.toString(16)} does not fit 12 bits`);
  const pad = options.paddingByte ?? 0;
  const parts: Buffer[] = [Buffer.alloc(HEADER_LENGTH)];
  let length = 0;
  for (const attribute of message.attributes) {
    if (attribute.type < 0 || attribute.type > 0xffff) throw new StunEncodeError(`attribute type ${attribute.type} does not fit 16 bits`);
    if (attribute.value.length > 0xffff) throw new StunEncodeError(`attribute 0x${attribute.type.toString(16)} value of ${attribute.value.length} bytes is too long`);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(attribute.type, 0);
    head.writeUInt16BE(attribute.value.length, 2);
    const padding = (4 - (attribute.value.length % 4)) % 4;
    parts.push(head, attribute.value, Buffer.alloc(padding, pad));
    length += 4 + attribute.value.length + padding;
  }
  if (length > MAX_BODY) throw new StunEncodeError(`attributes of ${length} bytes do not fit the 16-bit length field`);
  let out: Buffer = Buffer.concat(parts);
  out.writeUInt16BE(encodeMessageType(message.method, message.messageClass), 0);
  out.writeUInt16BE(length, 2);
  out.writeUInt32BE(MAGIC_COOKIE, 4);
  Buffer.from(message.transactionId).copy(out, 8);
  if (options.integrityKey) {
    const mac = integrityHmac(out, out.length, MESSAGE_INTEGRITY_LENGTH, 'sha1', options.integrityKey);
    out = appendAttribute(out, STUN_ATTR.MESSAGE_INTEGRITY, mac);
  }
  if (options.integritySha256Key) {
    const size = options.integritySha256Length ?? MESSAGE_INTEGRITY_SHA256_LENGTH;
    if (size < 16 || size > 32 || size % 4 !== 0) throw new StunEncodeError(`MESSAGE-INTEGRITY-SHA256 length ${size} is not 16..32 in steps of 4`);
    const mac = integrityHmac(out, out.length, size, 'sha256', options.integritySha256Key).subarray(0, size);
    out = appendAttribute(out, STUN_ATTR.MESSAGE_INTEGRITY_SHA256, mac);
  }
  if (options.fingerprint) {
    const withLength = Buffer.from(out);
    withLength.writeUInt16BE(out.length - HEADER_LENGTH + 8, 2);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(fingerprintOf(withLength), 0);
    out = appendAttribute(out, STUN_ATTR.FINGERPRINT, crc);
  }
  return out;
}

/** Appends one attribute whose value is already a multiple of 4 bytes, and fixes the length field. */
function appendAttribute(message: Buffer, type: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(value.length, 2);
  const out = Buffer.concat([message, head, value]);
  out.writeUInt16BE(out.length - HEADER_LENGTH, 2);
  return out;
}
