import { PASSWORD_SAFE, USER_SAFE } from './chars';
import { escape } from './escapes';
import { formatParams } from './params';
import type { Uri } from './types';

/** Renders a URI (RFC 3261 §19.1.1), %-escaping the user part and password where needed. */
export function formatUri(uri: Uri): string {
  if (uri.opaque !== undefined) return `${uri.scheme}:${uri.opaque}`;
  if (uri.scheme === 'tel') return `tel:${uri.user ?? ''}${formatParams(uri.params)}`;
  let out = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    out += escape(uri.user, USER_SAFE);
    if (uri.password !== undefined) out += `:${escape(uri.password, PASSWORD_SAFE)}`;
    out += '@';
  }
  out += uri.host;
  if (uri.port !== undefined) out += `:${uri.port}`;
  out += formatParams(uri.params);
  if (uri.headers.size > 0) {
    let sep = '?';
    for (const [name, value] of uri.headers) {
      out += `${sep}${name}=${value ?? ''}`;
      sep = '&';
    }
  }
  return out;
}

/** host[:port] with IPv6 brackets, as in a Via sent-by. */
export function formatHostPort(host: string, port: number | undefined): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}
