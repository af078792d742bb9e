/** The renderer is served from this privileged custom scheme, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'litesip';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL. WHATWG `URL.origin` is "null" for custom schemes,
 * so the origin is rebuilt from its parts.
 */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (!u.host) return undefined;
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/** A predicate over URLs: true when the URL belongs to one of `origins`. */
export type UrlTrust = (url: string) => boolean;

export function trustOrigins(origins: readonly string[]): UrlTrust {
  const allowed = new Set(origins);
  return (url) => {
    const origin = originOf(url);
    return origin !== undefined && allowed.has(origin);
  };
}
