import { SRTP_SUITES, type SrtpSuiteName } from '../srtp';

/** The use_srtp profiles werift's DTLS carries. */
export type SrtpProfileNumber = 0x0001 | 0x0007;

/**
 * RFC 5764 §4.1.2 (SRTP_AES128_CM_HMAC_SHA1_80) and RFC 7714 §14.2 (SRTP_AEAD_AES_128_GCM):
 * use_srtp protection profile numbers of the suites we run over DTLS.
 */
export const SRTP_PROFILES: Readonly<Partial<Record<SrtpSuiteName, SrtpProfileNumber>>> = {
  AES_CM_128_HMAC_SHA1_80: 0x0001,
  AEAD_AES_128_GCM: 0x0007,
};

/** What we offer (as client) and accept (as server), in our order of preference. */
export const DEFAULT_DTLS_SUITES: readonly SrtpSuiteName[] = ['AES_CM_128_HMAC_SHA1_80', 'AEAD_AES_128_GCM'];

export function profileNumbers(suites: readonly SrtpSuiteName[]): SrtpProfileNumber[] {
  return suites.map((s) => SRTP_PROFILES[s]).filter((p): p is SrtpProfileNumber => p !== undefined);
}

export function suiteOfProfile(profile: number | undefined): SrtpSuiteName | undefined {
  return (Object.keys(SRTP_PROFILES) as SrtpSuiteName[]).find((s) => SRTP_PROFILES[s] === profile);
}

/** One direction's SRTP master key and salt. */
export interface SrtpMaster {
  readonly masterKey: Buffer;
  readonly masterSalt: Buffer;
}

/** What a finished DTLS-SRTP handshake gives the media: the suite and both directions' keys. */
export interface DtlsSrtpKeys {
  readonly suite: SrtpSuiteName;
  /** Protects what we send. */
  readonly local: SrtpMaster;
  /** Protects what the peer sends. */
  readonly remote: SrtpMaster;
}

/** RFC 5764 §4.2: the exporter label for SRTP keys. */
export const DTLS_SRTP_EXPORTER_LABEL = 'EXTRACTOR-dtls_srtp';

/**
 * RFC 5764 §4.2: the exported block is client key | server key | client salt | server salt;
 * the client's halves protect what the client sends.
 */
export function splitKeyingMaterial(suite: SrtpSuiteName, material: Uint8Array, role: 'client' | 'server'): DtlsSrtpKeys {
  const { keyLength: k, saltLength: s } = SRTP_SUITES[suite];
  if (material.length !== 2 * (k + s)) throw new RangeError(`${suite} needs ${2 * (k + s)} octets of keying material`);
  const m = Buffer.from(material);
  const client = { masterKey: m.subarray(0, k), masterSalt: m.subarray(2 * k, 2 * k + s) };
  const server = { masterKey: m.subarray(k, 2 * k), masterSalt: m.subarray(2 * k + s, 2 * k + 2 * s) };
  return role === 'client' ? { suite, local: client, remote: server } : { suite, local: server, remote: client };
}

export function keyingMaterialLength(suite: SrtpSuiteName): number {
  return 2 * (SRTP_SUITES[suite].keyLength + SRTP_SUITES[suite].saltLength);
}
