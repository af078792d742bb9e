import { createHash } from 'node:crypto';
import type { StunResult } from './errors';
import { opaqueString, saslprep } from './saslprep';

/** How a password (and realm) is prepared before keying: RFC 5389's SASLprep or RFC 8489's OpaqueString. */
export type PasswordPreparation = 'saslprep' | 'opaque-string';

/** RFC 8489 §18.5: the algorithms of the long-term key. */
export type LongTermAlgorithm = 'MD5' | 'SHA-256';

export interface LongTermCredentials {
  /** As sent in USERNAME. */
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  /** Default MD5. */
  readonly algorithm?: LongTermAlgorithm;
  /**
   * Default 'saslprep' for MD5 (RFC 5389 §15.4, what deployed servers and the RFC 5769 §2.4
   * vector use) and 'opaque-string' for SHA-256 (RFC 8489 §9.2.2, which defines it).
   */
  readonly preparation?: PasswordPreparation;
}

function prepare(text: string, preparation: PasswordPreparation): StunResult<string> {
  return preparation === 'saslprep' ? saslprep(text) : opaqueString(text);
}

/** RFC 8489 §9.1.1 (RFC 5389 §15.4): the short-term key is the prepared password itself. */
export function shortTermKey(password: string, preparation: PasswordPreparation = 'opaque-string'): StunResult<Buffer> {
  const prepared = prepare(password, preparation);
  return prepared.ok ? { ok: true, value: Buffer.from(prepared.value, 'utf8') } : prepared;
}

/**
 * RFC 8489 §9.2.2: key = MD5(username ":" realm ":" password) or SHA-256 of the same, realm and
 * password prepared (RFC 5389 §15.4 prepares only the password, with SASLprep).
 */
export function longTermKey(credentials: LongTermCredentials): StunResult<Buffer> {
  const algorithm = credentials.algorithm ?? 'MD5';
  const preparation = credentials.preparation ?? (algorithm === 'MD5' ? 'saslprep' : 'opaque-string');
  const password = prepare(credentials.password, preparation);
  if (!password.ok) return password;
  let realm = credentials.realm;
  if (preparation === 'opaque-string') {
    const prepared = opaqueString(credentials.realm);
    if (!prepared.ok) return prepared;
    realm = prepared.value;
  }
  const hash = createHash(algorithm === 'MD5' ? 'md5' : 'sha256');
  return { ok: true, value: hash.update(`${credentials.username}:${realm}:${password.value}`, 'utf8').digest() };
}
