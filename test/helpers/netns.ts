import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * A private network namespace for peer tests: its own loopback, so ports never clash with
 * anything else on the machine and nothing leaves the box. Every process started here is
 * tracked and stopped by PID, then the namespace is deleted.
 */
export class NetNs {
  readonly name: string;
  private readonly children = new Set<ChildProcess>();

  private constructor(name: string) {
    this.name = name;
  }

  static create(prefix = 'lsip'): NetNs {
    requireRoot();
    const ns = new NetNs(`${prefix}-${randomBytes(3).toString('hex')}`);
    run('ip', ['netns', 'add', ns.name]);
    run('ip', ['-n', ns.name, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** Runs a command to completion inside the namespace and returns its stdout. */
  exec(cmd: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): string {
    return execFileSync('ip', ['netns', 'exec', this.name, cmd, ...args], {
      encoding: 'utf8',
      input: options.input,
      timeout: options.timeoutMs ?? 30_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Starts a long-running process inside the namespace (`stdin: true` keeps its stdin open as a pipe). */
  spawn(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: boolean } = {}): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.name, cmd, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** Stops every process in the namespace (ours and any daemon they forked), then deletes it. */
  async destroy(): Promise<void> {
    for (const child of this.children) child.kill('SIGTERM');
    await sleep(300);
    for (const pid of this.pids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const child of this.children) child.kill('SIGKILL');
    try {
      run('ip', ['netns', 'del', this.name]);
    } catch {
      // already deleted
    }
  }

  private pids(): number[] {
    try {
      return execFileSync('ip', ['netns', 'pids', this.name], { encoding: 'utf8' })
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  }
}

export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new Error('peer tests need root (network namespaces); run them as root, as CI does');
}

/** Fails with an install hint when a peer program is missing (peer tests never skip). */
export function requireCommand(cmd: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = `${dir}/${cmd}`;
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${cmd} is not installed; run "npm run peers:install" (scripts/install-peers.sh) as root`);
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: 'pipe' });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
