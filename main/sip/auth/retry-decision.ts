import type { DigestChallenge } from './challenge';
import type { DigestCredentials } from './credentials';

export type RetryVerdict = 'retry' | 'retry-stale' | 'wrong-credentials';

/**
 * Whether to resubmit after a challenge, given the credentials the rejected request carried
 * for that realm (undefined on the first challenge).
 */
export function decideRetry(sent: DigestCredentials | undefined, challenge: DigestChallenge): RetryVerdict {
  // RFC 7616 §3.3: stale=true means the digest was right and only the nonce aged; resubmit without asking the user.
  if (challenge.stale) return 'retry-stale';
  if (!sent) return 'retry';
  // RFC 3261 §22.1: the same nonce challenged again means these credentials were refused; do not resend them.
  if (sent.nonce === challenge.nonce) return 'wrong-credentials';
  return 'retry';
}
