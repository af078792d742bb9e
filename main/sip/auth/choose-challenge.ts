import { isSupported, strength } from './algorithm';
import type { DigestChallenge } from './challenge';

/** How to pick among several supported challenges for one realm. */
export type ChallengePolicy = 'strongest' | 'first';

/** A challenge this client can answer: a known, computable algorithm and a qop we speak (or none). */
export function canAnswer(c: DigestChallenge): boolean {
  if (!c.algorithm || !isSupported(c.algorithm)) return false;
  return c.qop.length === 0 || c.qop.includes('auth') || c.qop.includes('auth-int');
}

/**
 * Picks the challenge to answer among those for one realm. RFC 8760 §2.4: the UAC uses the
 * topmost supported one unless local policy says otherwise; our default policy takes the
 * strongest hash, so a downgrade to MD5 placed first by a careless server is not followed.
 */
export function chooseChallenge(challenges: readonly DigestChallenge[], policy: ChallengePolicy = 'strongest'): DigestChallenge | undefined {
  const usable = challenges.filter(canAnswer);
  if (policy === 'first') return usable[0];
  let best: DigestChallenge | undefined;
  for (const c of usable) {
    if (!best || strength(c.algorithm!) > strength(best.algorithm!)) best = c;
  }
  return best;
}

/** Groups challenges by realm, keeping the order in which realms first appear. */
export function groupByRealm(challenges: readonly DigestChallenge[]): Map<string, DigestChallenge[]> {
  const out = new Map<string, DigestChallenge[]>();
  for (const c of challenges) {
    const list = out.get(c.realm);
    if (list) list.push(c);
    else out.set(c.realm, [c]);
  }
  return out;
}
