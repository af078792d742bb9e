import { HNV } from './chars';
import { escape, unescape } from './escapes';
import type { Uri } from './types';

const HNV_SAFE = (() => {
  const t = new Uint8Array(HNV);
  t[37] = 0; // '%' itself is escaped
  return t;
})();

/** RFC 3261 §19.1.1, §25.1: a URI header value (`?name=value`) with everything but hnv-unreserved / unreserved %-escaped. */
export function escapeHeaderValue(value: string): string {
  return escape(value, HNV_SAFE);
}

/** A URI header's value, %-escapes decoded (RFC 3261 §19.1.5); names are matched case-insensitively. */
export function uriHeader(uri: Uri, name: string): string | undefined {
  const raw = uri.headers.get(name.toLowerCase());
  return raw === undefined || raw === null ? undefined : unescape(raw);
}
