import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Maps a URL path to a file inside `root`, or undefined when the path tries to leave it
 * (`..`, encoded separators, NUL bytes) or is malformed. `/` maps to index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, segments.length === 0 ? 'index.html' : segments.join('/'));
  return file.startsWith(base + path.sep) ? file : undefined;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function readStatic(root: string, urlPath: string): Promise<{ status: number; body: Buffer | string; type: string }> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return { status: 403, body: 'Forbidden', type: 'text/plain' };
  try {
    const body = await readFile(file);
    return { status: 200, body, type: MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return { status: 404, body: 'Not found', type: 'text/plain' };
  }
}
