import { formatHostPort, parseUri, type Uri } from '../sip/message';

/** The key a buddy or watcher is filed under: scheme, user, host and port (RFC 3261 §19.1.4). */
export function resourceKey(uri: Uri): string {
  const user = uri.user !== undefined ? `${uri.user}@` : '';
  return `${uri.scheme}:${user}${formatHostPort(uri.host.toLowerCase(), uri.port)}`;
}

/** Parses a SIP/SIPS URI; undefined when it is not one. */
export function parseResource(text: string): Uri | undefined {
  const r = parseUri(text.trim());
  if (!r.ok || (r.value.scheme !== 'sip' && r.value.scheme !== 'sips') || !r.value.host) return undefined;
  return r.value;
}
