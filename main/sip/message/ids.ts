import { randomBytes } from 'node:crypto';

/** RFC 3261 §8.1.1.7: every branch created by an RFC 3261 element starts with this cookie. */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

// Randomness is drawn in blocks: a branch per request must stay cheap.
let pool = Buffer.alloc(0);
let poolPos = 0;

function randomToken(bytes: number): string {
  if (poolPos + bytes > pool.length) {
    pool = randomBytes(4096);
    poolPos = 0;
  }
  const s = pool.toString('base64url', poolPos, poolPos + bytes);
  poolPos += bytes;
  return s;
}

/** A branch unique across space and time (RFC 3261 §8.1.1.7): the magic cookie and 96 random bits. */
export function generateBranch(): string {
  return BRANCH_MAGIC_COOKIE + randomToken(12);
}

/** A From/To tag with at least 32 random bits (RFC 3261 §19.3); 64 here. */
export function generateTag(): string {
  return randomToken(8);
}

/** A globally unique Call-ID (RFC 3261 §8.1.1.4): 120 random bits, `@host` when given. */
export function generateCallId(host?: string): string {
  const id = randomToken(15);
  return host === undefined || host === '' ? id : `${id}@${host}`;
}
