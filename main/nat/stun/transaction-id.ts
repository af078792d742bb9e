import { randomBytes } from 'node:crypto';
import { TRANSACTION_ID_LENGTH } from './constants';

/** RFC 8489 §5: a transaction ID uniformly and randomly chosen from 0 to 2**96 - 1, cryptographically random. */
export function randomTransactionId(): Buffer {
  return randomBytes(TRANSACTION_ID_LENGTH);
}
