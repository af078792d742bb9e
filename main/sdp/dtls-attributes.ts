import { randomBytes } from 'node:crypto';
import { SdpParseError } from './errors';
import type { Fingerprint, SetupRole } from './session-description';

/** Hash functions of RFC 8122 §5 that we accept in a=fingerprint; MD5 and MD2 are not. */
const HASHES = new Set(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']);

/** a=fingerprint:<hash-func> <fingerprint> (RFC 8122 §5). */
export function parseFingerprint(value: string): Fingerprint {
  const m = /^(\S+) ((?:[0-9A-Fa-f]{2}:)*[0-9A-Fa-f]{2})$/.exec(value.trim());
  if (!m) throw new SdpParseError('bad a=fingerprint');
  return { algorithm: (m[1] ?? '').toLowerCase(), value: (m[2] ?? '').toUpperCase() };
}

/** True for a fingerprint hash a DTLS-SRTP endpoint may rely on (RFC 8122 §5: not MD5/MD2). */
export function isUsableFingerprint(fp: Fingerprint): boolean {
  return HASHES.has(fp.algorithm);
}

/** a=tls-id (RFC 8842 §4): 20 to 255 characters of ALPHA, DIGIT, "+", "/", "-", "_". */
export function parseTlsId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!/^[A-Za-z0-9+/_-]{20,255}$/.test(v)) throw new SdpParseError('bad a=tls-id');
  return v;
}

/** A fresh tls-id for a new DTLS association (RFC 8842 §4). */
export function generateTlsId(): string {
  return randomBytes(24).toString('base64url');
}

/** a=setup (RFC 4145 §4); an unknown value is ignored as if absent. */
export function parseSetup(value: string | undefined): SetupRole | undefined {
  const v = value?.trim();
  return v === 'active' || v === 'passive' || v === 'actpass' || v === 'holdconn' ? v : undefined;
}
