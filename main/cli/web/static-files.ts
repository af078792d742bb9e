import { readFile } from 'node:fs/promises';
import { mimeTypeOf, resolveStaticPath } from '../../lib/static-path';

export async function readStatic(root: string, urlPath: string): Promise<{ status: number; body: Buffer | string; type: string }> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return { status: 403, body: 'Forbidden', type: 'text/plain' };
  try {
    const body = await readFile(file);
    return { status: 200, body, type: mimeTypeOf(file) };
  } catch {
    return { status: 404, body: 'Not found', type: 'text/plain' };
  }
}
