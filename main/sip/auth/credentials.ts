import { parseAlgorithm, type DigestAlgorithm } from './algorithm';
import { parseAuthItems, quote, type RawAuthItem } from './auth-params';
import { tokenOrQuoted } from './challenge';
import { parseFailure, type Parsed } from './errors';

/** Digest credentials from Authorization / Proxy-Authorization (RFC 7616 §3.4, RFC 3261 §20.7). */
export interface DigestCredentials {
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  readonly uri: string;
  readonly response: string;
  /** As written; absent means MD5 (RFC 7616 §3.4). */
  readonly algorithmName?: string;
  readonly algorithm?: DigestAlgorithm;
  readonly cnonce?: string;
  readonly opaque?: string;
  readonly qop?: string;
  /** The nonce count, as a number (written as 8 hex digits). */
  readonly nc?: number;
  readonly userhash: boolean;
}

/** RFC 8187 ext-value, as RFC 7616 §3.4.4 uses it for username*: only UTF-8 is accepted. */
function decodeExtValue(v: string): string | undefined {
  const m = /^utf-8'[^']*'(.*)$/i.exec(v);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1] as string);
  } catch {
    return undefined;
  }
}

function encodeExtValue(s: string): string {
  return `UTF-8''${encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function digestCredentialsFrom(item: RawAuthItem): Parsed<DigestCredentials> {
  const p = item.params;
  let username = p.get('username');
  const extended = p.get('username*');
  if (extended !== undefined) {
    // RFC 7616 §3.4: username and username* MUST NOT both be present.
    if (username !== undefined) return parseFailure('duplicate-param', 'both username and username* are present');
    username = decodeExtValue(extended);
    if (username === undefined) return parseFailure('bad-value', 'username* is not a UTF-8 ext-value');
  }
  const realm = p.get('realm');
  const nonce = p.get('nonce');
  const uri = p.get('uri');
  const response = p.get('response');
  for (const [name, v] of [['username', username], ['realm', realm], ['nonce', nonce], ['uri', uri], ['response', response]] as const) {
    if (v === undefined) return parseFailure('missing-param', `the credentials have no ${name}`);
  }
  const ncRaw = p.get('nc');
  let nc: number | undefined;
  if (ncRaw !== undefined) {
    // RFC 7616 §3.4: nc is 8 hex digits.
    if (!/^[0-9a-fA-F]{8}$/.test(ncRaw)) return parseFailure('bad-value', `nc "${ncRaw}" is not 8 hex digits`);
    nc = parseInt(ncRaw, 16);
  }
  const algorithmName = p.get('algorithm');
  const cnonce = p.get('cnonce');
  const opaque = p.get('opaque');
  const qop = p.get('qop')?.toLowerCase();
  return {
    ok: true,
    value: {
      username: username as string,
      realm: realm as string,
      nonce: nonce as string,
      uri: uri as string,
      response: response as string,
      userhash: p.get('userhash')?.toLowerCase() === 'true',
      ...(algorithmName !== undefined ? { algorithmName, algorithm: parseAlgorithm(algorithmName) } : {}),
      ...(cnonce !== undefined ? { cnonce } : {}),
      ...(opaque !== undefined ? { opaque } : {}),
      ...(qop !== undefined ? { qop } : {}),
      ...(nc !== undefined ? { nc } : {}),
    },
  };
}

/** Parses one Authorization / Proxy-Authorization value; other schemes are skipped. */
export function parseCredentials(value: string): Parsed<DigestCredentials[]> {
  const items = parseAuthItems(value);
  if (!items.ok) return items;
  const out: DigestCredentials[] = [];
  for (const item of items.value) {
    if (item.scheme.toLowerCase() !== 'digest') continue;
    const c = digestCredentialsFrom(item);
    if (!c.ok) return c;
    out.push(c.value);
  }
  return { ok: true, value: out };
}

/** RFC 7616 §3.4: nc is written as exactly 8 lower-case hex digits. */
export function formatNonceCount(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

/** The fields a client writes into credentials. */
export interface CredentialFields {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm?: string;
  cnonce?: string;
  opaque?: string;
  qop?: string;
  nc?: number;
  userhash?: boolean;
}

/**
 * Writes a credentials value, in the order of RFC 7616 §3.9.1. RFC 7616 §3.4 quoting: username,
 * realm, uri, nonce, cnonce, response, opaque quoted; algorithm, qop and nc are not.
 */
export function serializeCredentials(c: CredentialFields): string {
  // RFC 7616 §3.4.4: a username that cannot go in a quoted string goes in username*.
  const plain = /^[\x20-\x7e]*$/.test(c.username);
  const parts = [plain ? `username=${quote(c.username)}` : `username*=${encodeExtValue(c.username)}`];
  parts.push(`realm=${quote(c.realm)}`, `uri=${quote(c.uri)}`);
  if (c.algorithm !== undefined) parts.push(`algorithm=${tokenOrQuoted(c.algorithm)}`);
  parts.push(`nonce=${quote(c.nonce)}`);
  if (c.nc !== undefined) parts.push(`nc=${formatNonceCount(c.nc)}`);
  if (c.cnonce !== undefined) parts.push(`cnonce=${quote(c.cnonce)}`);
  if (c.qop !== undefined) parts.push(`qop=${tokenOrQuoted(c.qop)}`);
  parts.push(`response=${quote(c.response)}`);
  if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
  if (c.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}
