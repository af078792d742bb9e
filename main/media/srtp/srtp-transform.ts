/**
 * The cryptographic transform of one crypto suite, given session keys: it knows nothing
 * of replay or rollover state. `index` is the 48-bit SRTP index or the 31-bit SRTCP index.
 */
export interface SrtpTransform {
  /** Octets the transform adds to an RTP packet (MKI and tag). */
  readonly rtpOverhead: number;
  /** Octets the transform adds to an RTCP packet after the E||index word is counted. */
  readonly rtcpTagLength: number;
  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer;
  /** The plain RTP packet, or undefined when the tag does not authenticate it. */
  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer | undefined;
  protectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypt: boolean): Buffer;
  /** The plain RTCP compound packet, or undefined when the tag does not authenticate it. */
  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer | undefined;
}

/** Compares two tags without an early exit, so timing tells nothing of where they differ. */
export function tagsEqual(a: Uint8Array, aOffset: number, b: Uint8Array, length: number): boolean {
  let diff = 0;
  for (let i = 0; i < length; i++) diff |= a[aOffset + i]! ^ b[i]!;
  return diff === 0;
}

/** XORs SSRC (at octet `at`) and a 48-bit index (the six octets after it) into `iv`. */
export function xorSsrcAndIndex(iv: Uint8Array, at: number, ssrc: number, index: number): void {
  iv[at]! ^= ssrc >>> 24;
  iv[at + 1]! ^= (ssrc >>> 16) & 0xff;
  iv[at + 2]! ^= (ssrc >>> 8) & 0xff;
  iv[at + 3]! ^= ssrc & 0xff;
  const hi = Math.floor(index / 0x100000000);
  const lo = index >>> 0;
  iv[at + 4]! ^= (hi >>> 8) & 0xff;
  iv[at + 5]! ^= hi & 0xff;
  iv[at + 6]! ^= lo >>> 24;
  iv[at + 7]! ^= (lo >>> 16) & 0xff;
  iv[at + 8]! ^= (lo >>> 8) & 0xff;
  iv[at + 9]! ^= lo & 0xff;
}
