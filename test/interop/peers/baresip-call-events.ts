import fs from 'node:fs';
import path from 'node:path';
import type { CliEvent, LiteSip } from './litesip';

/** The fields of a calls:changed event the call tests look at. */
export type CallInfo = { id: string; state: string; encryption: string; codec?: string; endReason?: string; remoteHeld?: boolean };

/** The first calls:changed of `litesip run` after event index `from` that passes `match`. */
export async function waitForCall(cli: LiteSip, from: number, match: (c: CallInfo) => boolean, timeoutMs = 10_000): Promise<CallInfo> {
  const test = (e: CliEvent): boolean => e.event === 'calls:changed' && match(e.data as CallInfo);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = cli.events.slice(from).find(test);
    if (found) return found.data as CallInfo;
    if (Date.now() > end) throw new Error(`litesip: no matching calls:changed within ${timeoutMs} ms; events: ${JSON.stringify(cli.events.slice(-4))}; stderr: ${cli.stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The newest file in `dir` (`run --record DIR` names files by time, not by call). */
export function newestFile(dir: string): string {
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  files.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  if (files.length === 0) throw new Error(`no recording in ${dir}`);
  return files.at(-1)!;
}
