import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { NetNs } from '../../helpers/netns';
import { exitOf } from './child-output';
import { removeDir, scratchDir } from './scratch-dir';

// Not taken from helpers/cli: that module adds vitest hooks, and the benchmark runs outside vitest.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'bin/litesip.js');

export type CliEvent = Record<string, unknown> & { event?: string };

/**
 * The `litesip` CLI run inside a namespace (a test worker cannot enter one itself), with
 * `--json` and a data folder of its own; its JSON events are collected as they come.
 */
export class LiteSip {
  readonly events: CliEvent[] = [];
  private stderrText = '';
  private readonly waiters = new Set<(e: CliEvent) => void>();
  private readonly dataDir: string;
  readonly exited: Promise<number | string>;

  private constructor(
    readonly child: ChildProcess,
    dataDir: string,
  ) {
    this.dataDir = dataDir;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let event: CliEvent;
      try {
        event = JSON.parse(line) as CliEvent;
      } catch {
        event = { event: 'text', line };
      }
      this.events.push(event);
      for (const wake of this.waiters) wake(event);
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderrText = (this.stderrText + d.toString()).slice(-20_000)));
    this.exited = exitOf(child).then((code) => {
      removeDir(this.dataDir);
      return code;
    });
  }

  /** Starts `litesip COMMAND ARGS --json` inside `ns`. */
  static start(ns: NetNs, args: string[]): LiteSip {
    const dataDir = scratchDir('cli');
    const child = ns.spawn(process.execPath, [CLI, ...args, '--json', '--data', dataDir], { cwd: ROOT });
    return new LiteSip(child, dataDir);
  }

  /** Runs a command that ends on its own (register, options), killing it after `timeoutMs`. */
  static async run(ns: NetNs, args: string[], timeoutMs = 30_000): Promise<{ code: number | string; events: CliEvent[]; stderr: string }> {
    const cli = LiteSip.start(ns, args);
    const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
    const code = await cli.exited;
    clearTimeout(timer);
    return { code, events: cli.events, stderr: cli.stderr };
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** The first event (past or future) named `name` that passes `match`. */
  waitFor(name: string, match: (e: CliEvent) => boolean = () => true, timeoutMs = 20_000): Promise<CliEvent> {
    const test = (e: CliEvent): boolean => e.event === name && match(e);
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`litesip: no "${name}" event within ${timeoutMs} ms; events: ${JSON.stringify(this.events.slice(-5))}; stderr: ${this.stderr}`));
      }, timeoutMs);
      const wake = (e: CliEvent): void => {
        if (!test(e)) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(e);
      };
      this.waiters.add(wake);
    });
  }

  /** Sends `signal` and waits for the exit code (SIGKILL after `timeoutMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 5000): Promise<number | string> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The registration list of the latest `app:status` event of `litesip run`. */
export function registrationsOf(event: CliEvent): { aor: string; state: string; expires?: number; reason?: string }[] {
  const data = event.data as { registrations?: { aor: string; state: string; expires?: number; reason?: string }[] } | undefined;
  return data?.registrations ?? [];
}
