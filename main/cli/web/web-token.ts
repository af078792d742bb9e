import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 bits, URL-safe: the key to the bridge, shown only in the printed URL. */
export function createToken(): string {
  return randomBytes(16).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
