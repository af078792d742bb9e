import { parseAlgorithm, type DigestAlgorithm } from './algorithm';
import { isToken, parseAuthItems, quote, type RawAuthItem } from './auth-params';
import { parseFailure, type Parsed } from './errors';

/** A Digest challenge from WWW-Authenticate / Proxy-Authenticate (RFC 7616 §3.3, RFC 3261 §20.44). */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  /** Algorithm as written; RFC 7616 §3.3: absent means MD5. */
  readonly algorithmName: string;
  /** The algorithm when it is one we know, else undefined. */
  readonly algorithm?: DigestAlgorithm;
  /** qop options, lower-cased; empty for a legacy (RFC 2069) challenge. */
  readonly qop: readonly string[];
  readonly stale: boolean;
  readonly domain: readonly string[];
  readonly userhash: boolean;
  readonly charset?: string;
}

/** The parts of a challenge a server sets when it writes one. */
export interface ChallengeFields {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm?: string;
  qop?: readonly string[];
  stale?: boolean;
  domain?: readonly string[];
  userhash?: boolean;
  charset?: string;
}

export function digestChallengeFrom(item: RawAuthItem): Parsed<DigestChallenge> {
  const p = item.params;
  const realm = p.get('realm');
  const nonce = p.get('nonce');
  // RFC 7616 §3.3: realm and nonce are required.
  if (realm === undefined) return parseFailure('missing-param', 'the challenge has no realm');
  if (nonce === undefined) return parseFailure('missing-param', 'the challenge has no nonce');
  const algorithmName = p.get('algorithm') ?? 'MD5';
  const qopRaw = p.get('qop');
  const opaque = p.get('opaque');
  const charset = p.get('charset');
  return {
    ok: true,
    value: {
      realm,
      nonce,
      algorithmName,
      algorithm: parseAlgorithm(algorithmName),
      qop: qopRaw === undefined ? [] : qopRaw.split(',').map((q) => q.trim().toLowerCase()).filter((q) => q !== ''),
      stale: p.get('stale')?.toLowerCase() === 'true', // RFC 7616 §3.3: case-insensitive "true"
      domain: (p.get('domain') ?? '').split(/\s+/).filter((d) => d !== ''),
      userhash: p.get('userhash')?.toLowerCase() === 'true',
      ...(opaque !== undefined ? { opaque } : {}),
      ...(charset !== undefined ? { charset } : {}),
    },
  };
}

/**
 * Parses one WWW-Authenticate / Proxy-Authenticate value. It may hold several challenges;
 * schemes other than Digest are skipped, unknown parameters ignored (RFC 7616 §3.3).
 */
export function parseChallenges(value: string): Parsed<DigestChallenge[]> {
  const items = parseAuthItems(value);
  if (!items.ok) return items;
  const out: DigestChallenge[] = [];
  for (const item of items.value) {
    if (item.scheme.toLowerCase() !== 'digest') continue;
    const c = digestChallengeFrom(item);
    if (!c.ok) return c;
    out.push(c.value);
  }
  return { ok: true, value: out };
}

/** Writes a challenge value; RFC 7616 §3.3 quoting: realm, domain, nonce, opaque, qop quoted; the rest tokens. */
export function serializeChallenge(c: ChallengeFields): string {
  const parts = [`realm=${quote(c.realm)}`];
  if (c.domain && c.domain.length > 0) parts.push(`domain=${quote(c.domain.join(' '))}`);
  parts.push(`nonce=${quote(c.nonce)}`);
  if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
  if (c.stale) parts.push('stale=true');
  if (c.algorithm !== undefined) parts.push(`algorithm=${tokenOrQuoted(c.algorithm)}`);
  if (c.qop && c.qop.length > 0) parts.push(`qop=${quote(c.qop.join(','))}`);
  if (c.charset !== undefined) parts.push(`charset=${tokenOrQuoted(c.charset)}`);
  if (c.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}

export function tokenOrQuoted(s: string): string {
  return isToken(s) ? s : quote(s);
}
