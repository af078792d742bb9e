import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { hashOf } from './algorithm';
import { parseChallenges, type DigestChallenge } from './challenge';
import { chooseChallenge, groupByRealm, type ChallengePolicy } from './choose-challenge';
import { identityKey, type CredentialStore } from './credential-store';
import { parseCredentials, serializeCredentials, type DigestCredentials } from './credentials';
import { baseHa1, computeResponse, type DigestRequest } from './digest-compute';
import { decideRetry } from './retry-decision';

export type AuthorizationHeaderName = 'Authorization' | 'Proxy-Authorization';

/** One header to put on the resubmitted request. */
export interface AuthorizationHeader {
  readonly name: AuthorizationHeaderName;
  readonly value: string;
  readonly realm: string;
}

/** A 401 or 407 as the client sees it. */
export interface ChallengeResponse {
  readonly status: 401 | 407;
  /** Every WWW-Authenticate (401) or Proxy-Authenticate (407) value, in message order. */
  readonly challenges: readonly string[];
  /** The request to resubmit (with the CSeq the UA will use; RFC 3261 §22.2 says increment it). */
  readonly request: DigestRequest;
  /** Authorization and Proxy-Authorization values the rejected request carried. */
  readonly sent?: readonly string[];
  /** How many times this request has already been resubmitted with credentials. */
  readonly attempts?: number;
  /** Who sends the request: its From AOR, `user@host` (RFC 3261 §22.2: whose credentials answer). */
  readonly identity?: string;
}

export type GiveUpReason = 'malformed' | 'unsupported' | 'no-credentials' | 'wrong-credentials' | 'too-many-attempts';

export type AuthDecision =
  | { readonly action: 'retry'; readonly headers: readonly AuthorizationHeader[]; readonly stale: boolean }
  | { readonly action: 'give-up'; readonly reason: GiveUpReason; readonly realm?: string; readonly detail: string };

export interface DigestClientOptions {
  readonly credentials: CredentialStore;
  readonly policy?: ChallengePolicy;
  /** Resubmissions allowed for one request before giving up (a server that never says stale). */
  readonly maxAttempts?: number;
  /** Use qop=auth-int when the server offers both auth and auth-int. */
  readonly preferAuthInt?: boolean;
  /** Makes a client nonce; default 16 random bytes in hex. */
  readonly cnonce?: () => string;
}

/** What the client remembers about a realm's last challenge to one identity, for nc counting and reuse. */
interface RealmState {
  readonly challenge: DigestChallenge;
  readonly header: AuthorizationHeaderName;
  readonly cnonce: string;
  nc: number;
}

/** The UAC side of digest authentication (RFC 3261 §22.2–22.3, RFC 7616, RFC 8760). */
export class DigestClient {
  /** Challenge state by realm, then by identity key ('' for requests on no one's behalf): nonce counts never mix users. */
  private readonly realms = new Map<string, Map<string, RealmState>>();
  private readonly newCnonce: () => string;

  constructor(private readonly options: DigestClientOptions) {
    this.newCnonce = options.cnonce ?? (() => nodeRandomBytes(16).toString('hex'));
  }

  /** Decides how to answer a 401/407 and builds the credentials for the resubmission. */
  respond(input: ChallengeResponse): AuthDecision {
    const header: AuthorizationHeaderName = input.status === 407 ? 'Proxy-Authorization' : 'Authorization';
    const challenges: DigestChallenge[] = [];
    for (const value of input.challenges) {
      const parsed = parseChallenges(value);
      if (!parsed.ok) return { action: 'give-up', reason: 'malformed', detail: parsed.error.message };
      challenges.push(...parsed.value);
    }
    if (challenges.length === 0) return { action: 'give-up', reason: 'unsupported', detail: 'no Digest challenge' };
    if ((input.attempts ?? 0) >= (this.options.maxAttempts ?? 3)) {
      return { action: 'give-up', reason: 'too-many-attempts', detail: `gave up after ${input.attempts} resubmissions` };
    }
    const sent = sentByRealm(input.sent ?? []);
    const headers: AuthorizationHeader[] = [];
    let stale = false;
    const grouped = groupByRealm(challenges);
    for (const [realm, offered] of grouped) {
      const chosen = chooseChallenge(offered, this.options.policy);
      if (!chosen) {
        const algs = offered.map((c) => c.algorithmName).join(', ');
        return { action: 'give-up', reason: 'unsupported', realm, detail: `no supported algorithm/qop among ${algs}` };
      }
      if (!this.options.credentials.lookup(realm, input.identity)) {
        return { action: 'give-up', reason: 'no-credentials', realm, detail: `no credentials for realm "${realm}"` };
      }
      const verdict = decideRetry(sent.get(realm), chosen, input.attempts ?? 0);
      if (verdict === 'wrong-credentials') {
        return { action: 'give-up', reason: 'wrong-credentials', realm, detail: `credentials for "${realm}" were refused` };
      }
      if (verdict === 'retry-stale') stale = true;
      this.statesOf(realm).set(keyOf(input.identity), { challenge: chosen, header, cnonce: this.newCnonce(), nc: 0 });
      const h = this.authorize(realm, input.request, input.identity);
      if (!h) return { action: 'give-up', reason: 'no-credentials', realm, detail: `no usable secret for realm "${realm}"` };
      headers.push(h);
    }
    // RFC 3261 §22.3: credentials accepted by other proxies on the path go along again.
    for (const realm of sent.keys()) {
      if (grouped.has(realm)) continue;
      const h = this.authorize(realm, input.request, input.identity);
      if (h) headers.push(h);
    }
    return { action: 'retry', headers, stale };
  }

  /**
   * Credentials for a realm already challenged on behalf of `identity`, with the next nonce
   * count (RFC 7616 §3.4: a client may reuse a nonce, counting up). Undefined when that
   * identity has no challenge from the realm.
   */
  authorize(realm: string, request: DigestRequest, identity?: string): AuthorizationHeader | undefined {
    const state = this.realms.get(realm)?.get(keyOf(identity));
    const credential = this.options.credentials.lookup(realm, identity);
    if (!state || !credential) return undefined;
    const c = state.challenge;
    const algorithm = c.algorithm!;
    const ha1 = baseHa1(hashOf(algorithm), credential.username, realm, credential.secret);
    if (ha1 === undefined) return undefined;
    const qop = pickQop(c.qop, this.options.preferAuthInt ?? false);
    state.nc += 1;
    const response = computeResponse({
      algorithm,
      ha1,
      nonce: c.nonce,
      request,
      ...(qop ? { qop, nc: state.nc, cnonce: state.cnonce } : {}),
    });
    const value = serializeCredentials({
      username: credential.username,
      realm,
      nonce: c.nonce,
      uri: request.uri,
      response,
      // RFC 7616 §3.4: the algorithm the challenge named (MD5 when it named none) goes back.
      algorithm,
      ...(c.opaque !== undefined ? { opaque: c.opaque } : {}),
      ...(qop ? { qop, nc: state.nc, cnonce: state.cnonce } : {}),
    });
    return { name: state.header, value, realm };
  }

  /**
   * Headers for every realm that challenged `identity` before (or the given realms), to send up
   * front on a new request to the same servers.
   */
  preemptive(request: DigestRequest, realms?: readonly string[], identity?: string): AuthorizationHeader[] {
    const key = keyOf(identity);
    const known = realms ?? [...this.realms].filter(([, states]) => states.has(key)).map(([realm]) => realm);
    return known.map((r) => this.authorize(r, request, identity)).filter((h): h is AuthorizationHeader => h !== undefined);
  }

  /** Drops what is remembered about a realm (after a password change, say); with `identity`, only for that identity. */
  forget(realm: string, identity?: string): void {
    if (identity === undefined) {
      this.realms.delete(realm);
      return;
    }
    const states = this.realms.get(realm);
    states?.delete(keyOf(identity));
    if (states?.size === 0) this.realms.delete(realm);
  }

  private statesOf(realm: string): Map<string, RealmState> {
    let states = this.realms.get(realm);
    if (!states) this.realms.set(realm, (states = new Map()));
    return states;
  }
}

function keyOf(identity: string | undefined): string {
  return identity === undefined ? '' : identityKey(identity);
}

function pickQop(offered: readonly string[], preferAuthInt: boolean): 'auth' | 'auth-int' | undefined {
  if (offered.length === 0) return undefined; // RFC 2617 §3.2.2: legacy RFC 2069 form
  const auth = offered.includes('auth');
  const authInt = offered.includes('auth-int');
  if (authInt && (preferAuthInt || !auth)) return 'auth-int';
  return 'auth';
}

function sentByRealm(values: readonly string[]): Map<string, DigestCredentials> {
  const out = new Map<string, DigestCredentials>();
  for (const v of values) {
    const parsed = parseCredentials(v);
    if (!parsed.ok) continue;
    for (const c of parsed.value) out.set(c.realm, c);
  }
  return out;
}
