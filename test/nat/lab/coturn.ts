import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sleep, type NetNs } from '../../helpers/netns';
import { PLAN, RELAY_PORTS, TURN_PORT } from './lab-plan';

/** What a test needs to use the lab's TURN/STUN server. */
export interface TurnServerInfo {
  /** The first public address (on A's segment). */
  readonly address: string;
  /** The second public address (on B's segment): a second STUN destination on the same server. */
  readonly secondAddress: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly realm: string;
}

export interface TurnCredentials {
  username: string;
  password: string;
  realm: string;
}

/** A coturn (turnserver) process in the `pub` namespace, on both public addresses, long-term credentials. */
export class Coturn {
  private log = '';

  private constructor(
    readonly info: TurnServerInfo,
    private readonly child: ChildProcess,
    private readonly pidFile: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.log = (this.log + d.toString()).slice(-20_000)));
    if (process.env.LAB_DEBUG) child.stdout?.on('data', (d: Buffer) => fs.appendFileSync(path.join(process.env.LAB_DEBUG!, 'coturn.log'), d));
    child.stderr?.on('data', (d: Buffer) => (this.log = (this.log + d.toString()).slice(-20_000)));
  }

  static async start(pub: NetNs, dir: string, credentials: TurnCredentials, timeoutMs = 30_000): Promise<Coturn> {
    const pidFile = path.join(dir, 'turnserver.pid');
    const args = [
      '-n',
      `--listening-ip=${PLAN.A.pub}`,
      `--listening-ip=${PLAN.B.pub}`,
      `--relay-ip=${PLAN.A.pub}`,
      `--listening-port=${TURN_PORT}`,
      `--min-port=${RELAY_PORTS.min}`,
      `--max-port=${RELAY_PORTS.max}`,
      '--lt-cred-mech',
      `--user=${credentials.username}:${credentials.password}`,
      `--realm=${credentials.realm}`,
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      // relay to relay on this same server (both sides behind symmetric NATs)
      '--allow-loopback-peers',
      `--pidfile=${pidFile}`,
      '--log-file=stdout',
      '--simple-log',
      ...(process.env.LAB_DEBUG ? ['-V'] : []),
    ];
    const child = pub.spawn('turnserver', args, { cwd: dir });
    const info: TurnServerInfo = { address: PLAN.A.pub, secondAddress: PLAN.B.pub, port: TURN_PORT, ...credentials };
    const server = new Coturn(info, child, pidFile);
    await server.waitListening(pub, timeoutMs);
    return server;
  }

  /** The last part of coturn's log, for failure messages. */
  get output(): string {
    return this.log;
  }

  /** Kills coturn by the PID in its pidfile (and the process we started), SIGTERM then SIGKILL. */
  async stop(): Promise<void> {
    const pids = new Set<number>();
    if (this.child.pid) pids.add(this.child.pid);
    try {
      const fromFile = Number(fs.readFileSync(this.pidFile, 'utf8').trim());
      if (fromFile > 0) pids.add(fromFile);
    } catch {
      // no pidfile written (coturn never got that far)
    }
    for (const pid of pids) signal(pid, 'SIGTERM');
    await sleep(100);
    for (const pid of pids) signal(pid, 'SIGKILL');
  }

  /** Waits until UDP port 3478 is bound on both public addresses. */
  private async waitListening(pub: NetNs, timeoutMs: number): Promise<void> {
    const wanted = [`${PLAN.A.pub}:${TURN_PORT}`, `${PLAN.B.pub}:${TURN_PORT}`];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`turnserver exited with ${this.child.exitCode}:\n${this.log}`);
      const sockets = pub.exec('ss', ['-Hlun']);
      if (wanted.every((w) => sockets.includes(w))) return;
      await sleep(50);
    }
    throw new Error(`turnserver did not listen on ${wanted.join(' and ')} within ${timeoutMs} ms:\n${this.log}`);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
