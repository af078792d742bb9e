import type { ChildProcess } from 'node:child_process';

/** Keeps the last `limit` characters a child wrote to stdout and stderr (and keeps its pipes drained). */
export function collectOutput(child: ChildProcess, limit = 40_000): () => string {
  let text = '';
  const add = (d: Buffer): void => {
    text = (text + d.toString()).slice(-limit);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

/** Resolves with the exit code (or the signal's name) once the child is gone. */
export function exitOf(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}
