import { getHashes } from 'node:crypto';

/** RFC 8760 §2.1 / RFC 7616 §3.3 algorithm names. */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

/** The hash function behind an algorithm. */
export type DigestHash = 'MD5' | 'SHA-256' | 'SHA-512-256';

const NODE_HASH: Record<DigestHash, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

const ALL: readonly DigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'];

/** Algorithm names compare without regard to case; unknown names give undefined. */
export function parseAlgorithm(name: string): DigestAlgorithm | undefined {
  const lower = name.toLowerCase();
  return ALL.find((a) => a.toLowerCase() === lower);
}

export function hashOf(algorithm: DigestAlgorithm): DigestHash {
  return algorithm.replace(/-sess$/, '') as DigestHash;
}

export function isSession(algorithm: DigestAlgorithm): boolean {
  return algorithm.endsWith('-sess');
}

export function nodeHashName(hash: DigestHash): string {
  return NODE_HASH[hash];
}

const available = new Set(getHashes());

/** Whether node:crypto can compute this algorithm here (SHA-512/256 depends on the OpenSSL build). */
export function isSupported(algorithm: DigestAlgorithm): boolean {
  return available.has(NODE_HASH[hashOf(algorithm)]);
}

/** Every algorithm this build can compute, strongest first. */
export function supportedAlgorithms(): DigestAlgorithm[] {
  return [...ALL].filter(isSupported).sort((a, b) => strength(b) - strength(a));
}

/** Higher is stronger; a -sess variant ranks with its hash. */
export function strength(algorithm: DigestAlgorithm): number {
  return { MD5: 1, 'SHA-256': 2, 'SHA-512-256': 3 }[hashOf(algorithm)];
}
