/** The SRTP crypto-suites we negotiate by SDES, with their master key and salt sizes. */
export const SRTP_SUITES = {
  // RFC 4568 §6.2: 128-bit key, 112-bit salt.
  AES_CM_128_HMAC_SHA1_80: { keyLength: 16, saltLength: 14, maxLifetimeLog2: 48 },
  AES_CM_128_HMAC_SHA1_32: { keyLength: 16, saltLength: 14, maxLifetimeLog2: 48 },
  // RFC 7714 §14.2: 128-bit key, 96-bit salt.
  AEAD_AES_128_GCM: { keyLength: 16, saltLength: 12, maxLifetimeLog2: 48 },
  // RFC 6188 §7: 256-bit key, 112-bit salt. Understood, used only when listed in srtpSuites.
  AES_256_CM_HMAC_SHA1_80: { keyLength: 32, saltLength: 14, maxLifetimeLog2: 48 },
  AES_256_CM_HMAC_SHA1_32: { keyLength: 32, saltLength: 14, maxLifetimeLog2: 48 },
  AEAD_AES_256_GCM: { keyLength: 32, saltLength: 12, maxLifetimeLog2: 48 },
} as const;

export type SrtpSuite = keyof typeof SRTP_SUITES;

/** Our offer order and what answers accept unless configured: the widely deployed suite first. */
export const DEFAULT_SRTP_SUITES: readonly SrtpSuite[] = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32', 'AEAD_AES_128_GCM'];

export function isSrtpSuite(name: string): name is SrtpSuite {
  return Object.hasOwn(SRTP_SUITES, name);
}

/** Bytes of master key || master salt for a suite. */
export function keySaltLength(suite: SrtpSuite): number {
  return SRTP_SUITES[suite].keyLength + SRTP_SUITES[suite].saltLength;
}
