import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer (`out/renderer`), found from where this code runs: the sources
 * (main/cli/web) or the bundle (out/main, out/main/chunks).
 */
export function findRendererDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const candidates = [path.join(dir, 'out', 'renderer')];
    if (path.basename(dir) === 'out') candidates.unshift(path.join(dir, 'renderer'));
    const found = candidates.find((c) => existsSync(path.join(c, 'index.html')));
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
