import { unescape } from './escapes';
import type { Uri } from './types';

/** URI parameters that, when present in only one of two URIs, make them differ (RFC 3261 §19.1.4). */
const MUST_MATCH = ['user', 'ttl', 'method', 'maddr'];

function paramValue(v: string | null | undefined): string | null | undefined {
  return typeof v === 'string' ? unescape(v).toLowerCase() : v;
}

function hostOf(host: string): string {
  return host.toLowerCase();
}

/**
 * RFC 3261 §19.1.4 URI comparison: user and password case-sensitively after unescaping,
 * everything else case-insensitively; parameters present in both must match, and user,
 * ttl, method, maddr (and transport) must be in both or neither; headers must all match.
 * Other schemes compare their text case-insensitively.
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.scheme !== b.scheme) return false;
  if (a.opaque !== undefined || b.opaque !== undefined) return (a.opaque ?? '').toLowerCase() === (b.opaque ?? '').toLowerCase();
  if (a.user !== b.user || a.password !== b.password) return false;
  if (hostOf(a.host) !== hostOf(b.host) || a.port !== b.port) return false;
  for (const [name, value] of a.params) {
    if (!b.params.has(name)) {
      if (MUST_MATCH.includes(name) || name === 'transport') return false;
      continue;
    }
    if (paramValue(value) !== paramValue(b.params.get(name))) return false;
  }
  for (const name of b.params.keys()) {
    if (!a.params.has(name) && (MUST_MATCH.includes(name) || name === 'transport')) return false;
  }
  if (a.headers.size !== b.headers.size) return false;
  for (const [name, value] of a.headers) {
    if (!b.headers.has(name) || paramValue(value) !== paramValue(b.headers.get(name))) return false;
  }
  return true;
}
