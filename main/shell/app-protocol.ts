import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { mimeTypeOf, resolveStaticPath } from '../lib/static-path';

/** Must run before `app` is ready: a standard, secure scheme behaves like https for the renderer. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `root` (the built renderer) on `app://litesip/` in `session`, every response with `csp`. */
export function serveAppProtocol(session: Session, root: string, csp: string): void {
  session.protocol.handle(APP_SCHEME, (request) => appResponse(root, request.url, csp));
}

export async function appResponse(root: string, url: string, csp: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return new Response('Bad request', { status: 400, headers });
  }
  if (parsed.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
  const file = resolveStaticPath(root, parsed.pathname);
  if (!file) return new Response('Forbidden', { status: 403, headers });
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': mimeTypeOf(file) } });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}
