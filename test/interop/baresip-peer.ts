import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { NetNs } from '../helpers/netns';
import { collectOutput, exitOf } from './peers/child-output';
import { removeDir, scratchDir } from './peers/scratch-dir';

export interface BaresipOptions {
  user: string;
  sipPort: number;
  /** ctrl_tcp port (never sipPort + 1: baresip takes that one for SIP over TLS). */
  ctrlPort: number;
  /** cons port: the only place baresip 1.0 shows received MESSAGE text. */
  consPort: number;
  /** Lines for the contacts file, e.g. `"Alice" <sip:alice@127.0.0.1:25080>;presence=p2p`. */
  contacts: string[];
  /** The accounts line; default: our address without a registrar (regint=0). */
  account?: string;
}

/**
 * baresip (Debian's baresip-core 1.0) inside a namespace, without a registrar (regint=0),
 * with presence, ctrl_tcp for commands and cons for received messages.
 */
export class Baresip {
  private readonly consLines: string[] = [];
  private readonly output: () => string;

  private constructor(
    private readonly ns: NetNs,
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly options: BaresipOptions,
  ) {
    this.output = collectOutput(child);
  }

  static async start(ns: NetNs, options: BaresipOptions): Promise<Baresip> {
    const dir = scratchDir('baresip');
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        'poll_method epoll',
        'net_interface 127.0.0.1',
        'dns_server 127.0.0.1:53',
        `sip_listen 127.0.0.1:${options.sipPort}`,
        'audio_player alsa,null',
        'audio_source alsa,null',
        'audio_alert alsa,null',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module alsa.so',
        'module_tmp uuid.so',
        'module_tmp account.so',
        'module_app contact.so',
        'module_app menu.so',
        'module_app presence.so',
        'module_app ctrl_tcp.so',
        'module cons.so',
        `cons_listen 127.0.0.1:${options.consPort}`,
        `ctrl_tcp_listen 127.0.0.1:${options.ctrlPort}`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'accounts'), `${options.account ?? `<sip:${options.user}@127.0.0.1:${options.sipPort}>;regint=0`}\n`);
    fs.writeFileSync(path.join(dir, 'contacts'), options.contacts.map((c) => `${c}\n`).join(''));
    const child = ns.spawn('baresip', ['-f', dir]);
    const peer = new Baresip(ns, child, dir, options);
    await peer.waitForOutput(/baresip is ready/, 15_000);
    return peer;
  }

  get uri(): string {
    return `sip:${this.options.user}@127.0.0.1:${this.options.sipPort}`;
  }

  get log(): string {
    return this.output();
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pattern.test(this.output())) {
      if (Date.now() > end) throw new Error(`baresip: no ${pattern} within ${timeoutMs} ms; log:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** One ctrl_tcp command (netstring-framed JSON), run from inside the namespace; returns its `data`. */
  command(command: string, params = ''): string {
    const script = `
      const net = require('node:net');
      const s = net.connect(${this.options.ctrlPort}, '127.0.0.1');
      const msg = JSON.stringify({ command: ${JSON.stringify(command)}, params: ${JSON.stringify(params)}, token: 't' });
      s.write(Buffer.byteLength(msg) + ':' + msg + ',');
      let buf = '';
      s.on('data', (d) => {
        buf += d;
        const m = /^(\\d+):/.exec(buf);
        if (m && buf.length >= m[0].length + Number(m[1]) + 1) {
          const body = JSON.parse(buf.slice(m[0].length, m[0].length + Number(m[1])));
          if (body.response) { process.stdout.write(String(body.data ?? '')); s.destroy(); } else buf = buf.slice(m[0].length + Number(m[1]) + 1);
        }
      });
      setTimeout(() => process.exit(1), 5000).unref();`;
    return this.ns.exec(process.execPath, ['-e', script], { timeoutMs: 10_000 });
  }

  /** Connects to cons and keeps every line it prints (received messages). */
  listenCons(): { lines: string[]; stop: () => void } {
    const script = `const s = require('node:net').connect(${this.options.consPort}, '127.0.0.1'); s.pipe(process.stdout);`;
    const child = this.ns.spawn(process.execPath, ['-e', script]);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => this.consLines.push(line));
    return { lines: this.consLines, stop: () => child.kill('SIGTERM') };
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exitOf(this.child);
    clearTimeout(timer);
    removeDir(this.dir);
  }
}
