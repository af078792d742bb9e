import { createHash } from 'node:crypto';
import { hashOf, isSession, nodeHashName, type DigestAlgorithm, type DigestHash } from './algorithm';
import { formatNonceCount } from './credentials';

/** The parts of a request that enter the digest (RFC 3261 §22.4: the Request-URI as sent). */
export interface DigestRequest {
  readonly method: string;
  readonly uri: string;
  /** The message body, for qop=auth-int. */
  readonly body?: Uint8Array | string;
}

/** A user's secret: the password, or HA1 = H(username:realm:password) per hash (RFC 7616 §3.4.2). */
export type UserSecret = { readonly password: string } | { readonly ha1: Readonly<Partial<Record<DigestHash, string>>> };

/** H(data): lower-case hex of the hash (RFC 7616 §3.4.1). */
export function digestHex(hash: DigestHash, data: string | Uint8Array): string {
  return createHash(nodeHashName(hash)).update(data).digest('hex');
}

/** H(username:realm:password), or the stored HA1; undefined when none is stored for this hash. */
export function baseHa1(hash: DigestHash, username: string, realm: string, secret: UserSecret): string | undefined {
  if ('password' in secret) return digestHex(hash, `${username}:${realm}:${secret.password}`);
  return secret.ha1[hash]?.toLowerCase();
}

export interface ResponseInput {
  readonly algorithm: DigestAlgorithm;
  /** H(username:realm:password) for the algorithm's hash. */
  readonly ha1: string;
  readonly nonce: string;
  readonly request: DigestRequest;
  /** Absent for the RFC 2069 legacy form. */
  readonly qop?: 'auth' | 'auth-int';
  readonly nc?: number;
  readonly cnonce?: string;
}

/** The request-digest (RFC 7616 §3.4.1–3.4.3; RFC 2617 §3.2.2 for the -sess and no-qop forms). */
export function computeResponse(input: ResponseInput): string {
  const hash = hashOf(input.algorithm);
  const cnonce = input.cnonce ?? '';
  // RFC 7616 §3.4.2: -sess HA1 = H(H(username:realm:password):nonce:cnonce)
  const ha1 = isSession(input.algorithm) ? digestHex(hash, `${input.ha1}:${input.nonce}:${cnonce}`) : input.ha1;
  const { method, uri, body } = input.request;
  // RFC 7616 §3.4.3: auth-int adds H(entity-body); an absent body hashes as empty.
  const a2 = input.qop === 'auth-int' ? `${method}:${uri}:${digestHex(hash, body ?? '')}` : `${method}:${uri}`;
  const ha2 = digestHex(hash, a2);
  // RFC 2617 §3.2.2.1: without qop, response = KD(HA1, nonce:HA2).
  if (input.qop === undefined) return digestHex(hash, `${ha1}:${input.nonce}:${ha2}`);
  const nc = formatNonceCount(input.nc ?? 1);
  return digestHex(hash, `${ha1}:${input.nonce}:${nc}:${cnonce}:${input.qop}:${ha2}`);
}
