/** Names of the SRTP crypto suites LiteSIP speaks (RFC 4568 §6.2, RFC 6188 §7, RFC 7714 §14.1). */
export type SrtpSuiteName =
  | 'AES_CM_128_HMAC_SHA1_80'
  | 'AES_CM_128_HMAC_SHA1_32'
  | 'AES_256_CM_HMAC_SHA1_80'
  | 'AES_256_CM_HMAC_SHA1_32'
  | 'AEAD_AES_128_GCM'
  | 'AEAD_AES_256_GCM';

export interface SrtpSuite {
  readonly name: SrtpSuiteName;
  /** 'cm': AES counter mode + HMAC-SHA1 (RFC 3711); 'gcm': AEAD AES-GCM (RFC 7714). */
  readonly kind: 'cm' | 'gcm';
  /** Master and session encryption key length, octets. */
  readonly keyLength: 16 | 32;
  /** Master and session salt length, octets. */
  readonly saltLength: 14 | 12;
  /** Authentication tag on SRTP packets, octets. */
  readonly srtpTagLength: number;
  /** Authentication tag on SRTCP packets, octets. */
  readonly srtcpTagLength: number;
}

/** RFC 3711 §4.2: HMAC-SHA1 session authentication key, 160 bits. */
export const AUTH_KEY_LENGTH = 20;

export const SRTP_SUITES: Readonly<Record<SrtpSuiteName, SrtpSuite>> = {
  // RFC 4568 §6.2.1
  AES_CM_128_HMAC_SHA1_80: { name: 'AES_CM_128_HMAC_SHA1_80', kind: 'cm', keyLength: 16, saltLength: 14, srtpTagLength: 10, srtcpTagLength: 10 },
  // RFC 4568 §6.2.2: only the SRTP tag is 32 bits; SRTCP keeps the 80-bit tag (RFC 3711 §7.5, RFC 5764 §4.1.2)
  AES_CM_128_HMAC_SHA1_32: { name: 'AES_CM_128_HMAC_SHA1_32', kind: 'cm', keyLength: 16, saltLength: 14, srtpTagLength: 4, srtcpTagLength: 10 },
  // RFC 6188 §7.1
  AES_256_CM_HMAC_SHA1_80: { name: 'AES_256_CM_HMAC_SHA1_80', kind: 'cm', keyLength: 32, saltLength: 14, srtpTagLength: 10, srtcpTagLength: 10 },
  AES_256_CM_HMAC_SHA1_32: { name: 'AES_256_CM_HMAC_SHA1_32', kind: 'cm', keyLength: 32, saltLength: 14, srtpTagLength: 4, srtcpTagLength: 10 },
  // RFC 7714 §14.1, §12: 96-bit salt, 16-octet tag on both SRTP and SRTCP
  AEAD_AES_128_GCM: { name: 'AEAD_AES_128_GCM', kind: 'gcm', keyLength: 16, saltLength: 12, srtpTagLength: 16, srtcpTagLength: 16 },
  AEAD_AES_256_GCM: { name: 'AEAD_AES_256_GCM', kind: 'gcm', keyLength: 32, saltLength: 12, srtpTagLength: 16, srtcpTagLength: 16 },
};

export function isSrtpSuiteName(name: string): name is SrtpSuiteName {
  return Object.hasOwn(SRTP_SUITES, name);
}
