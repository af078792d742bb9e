import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { requireCommand, sleep, type NetNs } from '../../helpers/netns';
import { collectOutput } from './child-output';
import { kamailioConfig, kamailioTlsConfig, subscriberRows, type KamailioUser } from './kamailio-config';
import { removeDir, scratchDir } from './scratch-dir';
import { readSipDump, type DumpedMessage } from './sip-dump';

const MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';
const DBTEXT_SCHEMA = '/usr/share/kamailio/dbtext/kamailio';
const INSTALL_HINT = 'run "npm run peers:install" (scripts/install-peers.sh) as root';

export interface KamailioOptions {
  port?: number;
  users?: KamailioUser[];
  maxExpires?: number;
  /** Also listen for TLS on `port` with this certificate (RFC 3261 §26.2; the tls module). */
  tls?: { port: number; certPath: string; keyPath: string; caPath: string };
}

/**
 * Kamailio as registrar and proxy on udp+tcp 127.0.0.1:PORT inside a namespace, from a
 * config and db_text users written to a scratch folder. It daemonizes; it is stopped by the
 * PID in its pidfile. Every message it receives or sends is recorded (sipdump).
 */
export class Kamailio {
  readonly address = '127.0.0.1';
  private readonly output: () => string;

  private constructor(
    private readonly ns: NetNs,
    readonly port: number,
    private readonly dir: string,
    launcher: ChildProcess,
  ) {
    this.output = collectOutput(launcher);
  }

  static async start(ns: NetNs, options: KamailioOptions = {}, timeoutMs = 15_000): Promise<Kamailio> {
    requireCommand('kamailio');
    for (const m of ['auth_db.so', 'db_text.so', 'registrar.so', 'presence.so', 'sipdump.so']) {
      if (!fs.existsSync(path.join(MODULES, m))) throw new Error(`kamailio module ${m} is missing; ${INSTALL_HINT}`);
    }
    if (!fs.existsSync(DBTEXT_SCHEMA)) throw new Error(`kamailio's db_text schema is missing (${DBTEXT_SCHEMA}); ${INSTALL_HINT}`);
    const port = options.port ?? 25060;
    const dir = scratchDir('kamailio');
    const dbDir = path.join(dir, 'db');
    const dumpDir = path.join(dir, 'dump');
    const runDir = path.join(dir, 'run');
    fs.cpSync(DBTEXT_SCHEMA, dbDir, { recursive: true });
    fs.mkdirSync(dumpDir);
    fs.mkdirSync(runDir);
    const users = options.users ?? [
      { name: 'alice', password: 'secret' },
      { name: 'bob', password: 'secret' },
    ];
    fs.appendFileSync(path.join(dbDir, 'subscriber'), subscriberRows(users, '127.0.0.1'));
    const cfg = path.join(dir, 'kamailio.cfg');
    let tls: { port: number; configFile: string } | undefined;
    if (options.tls) {
      if (!fs.existsSync(path.join(MODULES, 'tls.so'))) throw new Error(`kamailio module tls.so is missing; ${INSTALL_HINT}`);
      const configFile = path.join(dir, 'tls.cfg');
      fs.writeFileSync(configFile, kamailioTlsConfig(options.tls));
      tls = { port: options.tls.port, configFile };
    }
    fs.writeFileSync(cfg, kamailioConfig({ dbDir, dumpDir, address: '127.0.0.1', port, maxExpires: options.maxExpires ?? 3600, ...(tls ? { tls } : {}) }));
    const launcher = ns.spawn('kamailio', ['-f', cfg, '-P', path.join(runDir, 'kamailio.pid'), '-Y', runDir, '-w', runDir, '-E'], { cwd: dir });
    const kamailio = new Kamailio(ns, port, dir, launcher);
    try {
      await kamailio.waitUntilReady(timeoutMs);
    } catch (err) {
      await kamailio.stop();
      throw err;
    }
    return kamailio;
  }

  /** `sip:127.0.0.1:PORT`, with `;transport=tcp` when asked. */
  uri(transport: 'udp' | 'tcp' = 'udp'): string {
    return `sip:${this.address}:${this.port}${transport === 'tcp' ? ';transport=tcp' : ''}`;
  }

  /** What Kamailio logged (for failure reports). */
  get log(): string {
    return this.output();
  }

  /** Every message Kamailio received or sent so far, oldest first. */
  wire(): DumpedMessage[] {
    return readSipDump(path.join(this.dir, 'dump'));
  }

  /** Waits until the recorded traffic satisfies `done` (sipdump writes every few milliseconds). */
  async waitForWire(done: (messages: DumpedMessage[]) => boolean, timeoutMs = 5000): Promise<DumpedMessage[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const messages = this.wire();
      if (done(messages) || Date.now() > end) return messages;
      await sleep(50);
    }
  }

  /** Stops the daemon by its pidfile and removes its folder. */
  async stop(): Promise<void> {
    const pid = this.pid();
    if (pid !== undefined) {
      signal(pid, 'SIGTERM');
      for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
      if (alive(pid)) signal(pid, 'SIGKILL');
    }
    removeDir(this.dir);
  }

  private pid(): number | undefined {
    try {
      const pid = Number(fs.readFileSync(path.join(this.dir, 'run', 'kamailio.pid'), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** Ready when the pidfile is written and both sockets are bound (seen with `ss` in the namespace). */
  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    const udp = new RegExp(`127\\.0\\.0\\.1:${this.port}\\b`);
    while (Date.now() < end) {
      const pid = this.pid();
      if (pid !== undefined && alive(pid)) {
        const sockets = this.ns.exec('ss', ['-Hlnut']);
        const lines = sockets.split('\n').filter((l) => udp.test(l));
        if (lines.some((l) => l.startsWith('udp')) && lines.some((l) => l.startsWith('tcp'))) return;
      }
      await sleep(100);
    }
    throw new Error(`kamailio did not start within ${timeoutMs} ms:\n${this.log}`);
  }
}

/** True while the process runs (a zombie left unreaped by the container's init counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
