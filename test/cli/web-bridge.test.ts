import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { findRendererDir, WebBridge } from '../../main/cli/web';
import { Communicator } from '../../main/engine';
import { CLI } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const open: { bridge: WebBridge; engine: Communicator }[] = [];

async function start(options: { maxFrameBytes?: number } = {}) {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LiteSIP</title>');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'outside.txt'), 'outside');
  const engine = new Communicator({ dataDir: tempDir(), listen: [] });
  await engine.start();
  const bridge = await WebBridge.start({ engine, rendererDir, port: 0, ...options });
  open.push({ bridge, engine });
  return { bridge, engine };
}

afterEach(async () => {
  for (const { bridge, engine } of open.splice(0)) {
    await bridge.close();
    await engine.stop();
  }
});

function wsUrl(bridge: WebBridge, token: string | null = bridge.token): string {
  return `ws://127.0.0.1:${bridge.port}/ws${token === null ? '' : `?token=${token}`}`;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when it opened. */
function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

/** An open client that collects every frame. */
async function client(bridge: WebBridge) {
  const ws = new WebSocket(wsUrl(bridge), { origin: bridge.origin });
  const frames: Record<string, unknown>[] = [];
  const waiters: { test: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    frames.push(frame);
    for (const w of waiters.splice(0)) {
      if (w.test(frame)) w.resolve(frame);
      else waiters.push(w);
    }
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = (test: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const seen = frames.find(test);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ test, resolve }));
  };
  return { ws, frames, next };
}

function get(bridge: WebBridge, urlPath: string, host = `127.0.0.1:${bridge.port}`): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: bridge.port, path: urlPath, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('web bridge', () => {
  it('prints a URL on 127.0.0.1 carrying a long random token', async () => {
    const { bridge } = await start();
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[\w-]{22}$/);
    const other = await start();
    expect(other.bridge.token).not.toBe(bridge.token);
  });

  it('requires the token on the WebSocket upgrade', async () => {
    const { bridge } = await start();
    expect(await upgradeStatus(wsUrl(bridge, null), bridge.origin)).toBe(401);
    expect(await upgradeStatus(wsUrl(bridge, 'wrong-token-wrong-token'), bridge.origin)).toBe(401);
    expect(await upgradeStatus(wsUrl(bridge), bridge.origin)).toBe(101);
  });

  it('refuses a page from another origin, even with the token', async () => {
    const { bridge } = await start();
    expect(await upgradeStatus(wsUrl(bridge), 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(wsUrl(bridge), `http://localhost:${bridge.port}`)).toBe(403);
    expect(await upgradeStatus(wsUrl(bridge), undefined)).toBe(403);
  });

  it('carries a request to the engine and its result back', async () => {
    const { bridge, engine } = await start();
    const c = await client(bridge);
    c.ws.send(JSON.stringify({ id: 7, channel: 'app:get-status' }));
    const reply = await c.next((f) => f.id === 7);
    expect(reply.result).toEqual({ ok: true, value: engine.status() });
    c.ws.close();
  });

  it('pushes engine events to the page', async () => {
    const { bridge } = await start();
    const c = await client(bridge);
    c.ws.send(JSON.stringify({ id: 1, channel: 'settings:update', payload: { displayName: 'Alice' } }));
    const event = await c.next((f) => f.event === 'settings:changed');
    expect(event.payload).toMatchObject({ displayName: 'Alice' });
    expect((await c.next((f) => f.id === 1)).result).toMatchObject({ ok: true, value: { displayName: 'Alice' } });
    c.ws.close();
  });

  it('answers malformed frames and bad payloads with error values and keeps going', async () => {
    const { bridge } = await start();
    const c = await client(bridge);
    c.ws.send('{ this is not json');
    expect(await c.next(() => true)).toEqual({ id: null, result: { ok: false, error: { code: 'bad-frame', message: 'The frame is not valid JSON.' } } });
    c.ws.send(JSON.stringify({ id: 2, chanel: 'app:get-status' }));
    expect((await c.next((f) => f.id === 2)).result).toMatchObject({ ok: false, error: { code: 'bad-frame' } });
    c.ws.send(JSON.stringify([1, 2, 3]));
    c.ws.send('null');
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    c.ws.send(JSON.stringify({ id: 3, channel: 'settings:update', payload: { theme: 'neon' } }));
    expect((await c.next((f) => f.id === 3)).result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    c.ws.send(JSON.stringify({ id: 4, channel: 'no:such-thing' }));
    expect((await c.next((f) => f.id === 4)).result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    c.ws.send(JSON.stringify({ id: 5, channel: 'app:get-status' }));
    expect((await c.next((f) => f.id === 5)).result).toMatchObject({ ok: true });
    expect(c.frames.filter((f) => f.id === null)).toHaveLength(4);
    c.ws.close();
  });

  it('closes a connection that sends an oversized frame', async () => {
    const { bridge } = await start({ maxFrameBytes: 1024 });
    const c = await client(bridge);
    const closed = new Promise<number>((resolve) => c.ws.once('close', resolve));
    c.ws.send(JSON.stringify({ id: 1, channel: 'settings:update', payload: { displayName: 'x'.repeat(4096) } }));
    expect(await closed).toBe(1009);
  });

  it('serves the renderer with a CSP, and nothing outside it', async () => {
    const { bridge } = await start();
    const index = await get(bridge, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>LiteSIP</title>');
    expect(index.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${bridge.port}`);
    expect(index.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    for (const p of ['/%2e%2e/outside.txt', '/..%2foutside.txt', '/%5c..%5coutside.txt']) {
      const res = await get(bridge, p);
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('outside');
    }
    expect((await get(bridge, '/missing.js')).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { bridge } = await start();
    expect((await get(bridge, '/', `evil.example:${bridge.port}`)).status).toBe(421);
    expect(await upgradeStatus(wsUrl(bridge).replace('127.0.0.1', 'localhost'), `http://localhost:${bridge.port}`)).not.toBe(101);
  });
});

describe('finding the built renderer', () => {
  it('works from the sources and from the bundle, and never picks the unbuilt sources', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'main/cli/web'), { recursive: true });
    fs.mkdirSync(path.join(root, 'out/main/chunks'), { recursive: true });
    fs.mkdirSync(path.join(root, 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(root, 'renderer/index.html'), 'source, not built');
    expect(findRendererDir(path.join(root, 'main/cli/web'))).toBeUndefined();
    fs.mkdirSync(path.join(root, 'out/renderer'));
    fs.writeFileSync(path.join(root, 'out/renderer/index.html'), 'built');
    const built = path.join(root, 'out/renderer');
    expect(findRendererDir(path.join(root, 'main/cli/web'))).toBe(built);
    expect(findRendererDir(path.join(root, 'out/main'))).toBe(built);
    expect(findRendererDir(path.join(root, 'out/main/chunks'))).toBe(built);
  });
});

describe('litesip run --web', () => {
  it('rejects a port that is not a number', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', '--web', 'eighty', '--data', tempDir()], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--web "eighty" is not a port');
  });
});
