import { randomInt } from 'node:crypto';

/** RFC 3261 §8.1.1.5: a first CSeq below 2**31; kept below 2**30 so it can grow for a long time. */
export function randomCSeq(): number {
  return randomInt(1, 2 ** 30);
}
