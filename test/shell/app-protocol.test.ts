import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { electron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const { appResponse, registerAppScheme, serveAppProtocol } = await import('../../main/shell/app-protocol');
const { contentSecurityPolicy } = await import('../../main/shell/content-security-policy');
const { resolveStaticPath } = await import('../../main/lib/static-path');

function site(): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>LiteSIP</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'secret');
  return root;
}

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme before ready', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the renderer with the CSP header and a content type', async () => {
    const root = site();
    const csp = contentSecurityPolicy();
    const index = await appResponse(root, 'app://litesip/', csp);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(csp);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<title>LiteSIP</title>');
    const script = await appResponse(root, 'app://litesip/assets/app.js', csp);
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('refuses path traversal, other hosts and missing files', async () => {
    const root = site();
    const csp = contentSecurityPolicy();
    for (const url of ['app://litesip/%2e%2e/secret.txt', 'app://litesip/assets/..%2f..%2fsecret.txt', 'app://litesip/a%5c..%5c..%5csecret.txt', 'app://litesip/%00']) {
      const res = await appResponse(root, url, csp);
      // The URL parser may already fold `..` away (404); either way nothing outside is served.
      expect([403, 404], url).toContain(res.status);
      expect(await res.text()).not.toContain('secret');
    }
    expect(resolveStaticPath(root, '/../secret.txt')).toBeUndefined();
    expect(resolveStaticPath(root, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeUndefined();
    expect(resolveStaticPath(root, '/assets/..%5c..%5csecret.txt')).toBeUndefined();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeUndefined();
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect((await appResponse(root, 'app://elsewhere/index.html', csp)).status).toBe(404);
    expect((await appResponse(root, 'app://litesip/nope.js', csp)).status).toBe(404);
  });

  it('installs its handler on the session', async () => {
    const handle = vi.fn();
    serveAppProtocol({ protocol: { handle } } as never, site(), 'x');
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = handle.mock.calls[0]![1] as (req: { url: string }) => Promise<Response>;
    expect((await handler({ url: 'app://litesip/index.html' })).status).toBe(200);
  });
});

describe('the content security policy', () => {
  const csp = contentSecurityPolicy();
  const directive = (name: string): string[] =>
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1) ?? [];

  it('allows only our own code: no eval, no inline scripts, no plugins, no framing', () => {
    expect(directive('default-src')).toEqual(["'self'"]);
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(directive('object-src')).toEqual(["'none'"]);
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    expect(directive('base-uri')).toEqual(["'none'"]);
  });

  it('limits connections to ourselves plus what is named', () => {
    expect(directive('connect-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy(['ws://127.0.0.1:4000'])).toContain("connect-src 'self' ws://127.0.0.1:4000");
  });
});
