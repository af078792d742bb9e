import type { DigestChallenge } from './challenge';
import type { DigestCredentials } from './credentials';

export type RetryVerdict = 'retry' | 'retry-stale' | 'wrong-credentials';

/**
 * Whether to resubmit after a challenge, given the credentials the rejected request carried
 * for that realm (undefined on the first challenge) and how many resubmissions were made.
 */
export function decideRetry(sent: DigestCredentials | undefined, challenge: DigestChallenge, attempts = 0): RetryVerdict {
  // RFC 7616 §3.3: stale=true means the digest was right and only the nonce aged; resubmit without asking the user.
  if (challenge.stale) return 'retry-stale';
  if (!sent) return 'retry';
  // RFC 3261 §22.1: the same nonce challenged again means these credentials were refused; do not resend them.
  if (sent.nonce === challenge.nonce) return 'wrong-credentials';
  // A new nonce without stale: one more try (servers that never say stale), not an endless
  // loop against servers that rotate the nonce on every failure.
  if (attempts >= 2) return 'wrong-credentials';
  return 'retry';
}
