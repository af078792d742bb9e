import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder for a peer's files (config, logs, statistics); the caller removes it. */
export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `litesip-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
