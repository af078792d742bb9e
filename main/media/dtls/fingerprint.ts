import { createHash } from 'node:crypto';
import type { Fingerprint } from '../../sdp';

/** RFC 8122 §5 hash names and node:crypto's, strongest first: the order we prefer them in. */
const HASHES: readonly (readonly [string, string])[] = [
  ['sha-512', 'sha512'],
  ['sha-384', 'sha384'],
  ['sha-256', 'sha256'],
  ['sha-224', 'sha224'],
  ['sha-1', 'sha1'],
];

/** RFC 8122 §5: the hash of the DER certificate as upper case hex pairs joined by colons. */
export function certificateFingerprint(der: Uint8Array, algorithm = 'sha-256'): Fingerprint {
  const nodeName = HASHES.find(([name]) => name === algorithm.toLowerCase())?.[1];
  if (!nodeName) throw new RangeError(`fingerprint hash ${algorithm} is not supported`);
  const hex = createHash(nodeName).update(der).digest('hex').toUpperCase();
  return { algorithm: algorithm.toLowerCase(), value: hex.match(/../g)!.join(':') };
}

/**
 * RFC 8122 §5: take the peer's fingerprints with our most preferred hash function among
 * those it sent, and require the certificate to match one of them. MD5/MD2 never count.
 */
export function matchesFingerprints(der: Uint8Array, fingerprints: readonly Fingerprint[]): boolean {
  for (const [name] of HASHES) {
    const candidates = fingerprints.filter((f) => f.algorithm.toLowerCase() === name);
    if (candidates.length === 0) continue;
    const actual = certificateFingerprint(der, name).value;
    return candidates.some((f) => f.value.toUpperCase() === actual);
  }
  return false;
}
