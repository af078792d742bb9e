/** RFC 8489 §5: the fixed value in bytes 4–7 of every STUN message. */
export const MAGIC_COOKIE = 0x2112a442;

/** RFC 8489 §5: type (2) + length (2) + magic cookie (4) + transaction ID (12). */
export const HEADER_LENGTH = 20;

/** RFC 8489 §5: 96-bit transaction ID. */
export const TRANSACTION_ID_LENGTH = 12;

/** RFC 8489 §14.7: the CRC-32 is XOR'ed with this value. */
export const FINGERPRINT_XOR = 0x5354554e;

/** RFC 8489 §18.2: methods. */
export const STUN_METHOD = {
  BINDING: 0x001,
} as const;

/** RFC 8489 §18.3, RFC 8445 §16.1: attribute types. */
export const STUN_ATTR = {
  MAPPED_ADDRESS: 0x0001,
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  UNKNOWN_ATTRIBUTES: 0x000a,
  REALM: 0x0014,
  NONCE: 0x0015,
  MESSAGE_INTEGRITY_SHA256: 0x001c,
  PASSWORD_ALGORITHM: 0x001d,
  USERHASH: 0x001e,
  XOR_MAPPED_ADDRESS: 0x0020,
  PRIORITY: 0x0024,
  USE_CANDIDATE: 0x0025,
  PASSWORD_ALGORITHMS: 0x8002,
  ALTERNATE_DOMAIN: 0x8003,
  SOFTWARE: 0x8022,
  ALTERNATE_SERVER: 0x8023,
  FINGERPRINT: 0x8028,
  ICE_CONTROLLED: 0x8029,
  ICE_CONTROLLING: 0x802a,
} as const;

/** Comprehension-required types this module reads (RFC 8489 §14: 0x0000–0x7FFF must be understood). */
export const COMPREHENDED_ATTRIBUTES: ReadonlySet<number> = new Set([
  STUN_ATTR.MAPPED_ADDRESS,
  STUN_ATTR.USERNAME,
  STUN_ATTR.MESSAGE_INTEGRITY,
  STUN_ATTR.ERROR_CODE,
  STUN_ATTR.UNKNOWN_ATTRIBUTES,
  STUN_ATTR.REALM,
  STUN_ATTR.NONCE,
  STUN_ATTR.MESSAGE_INTEGRITY_SHA256,
  STUN_ATTR.PASSWORD_ALGORITHM,
  STUN_ATTR.USERHASH,
  STUN_ATTR.XOR_MAPPED_ADDRESS,
  STUN_ATTR.PRIORITY,
  STUN_ATTR.USE_CANDIDATE,
]);

/** RFC 8489 §14: types 0x0000–0x7FFF are comprehension-required. */
export function isComprehensionRequired(type: number): boolean {
  return type < 0x8000;
}
