import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeWavFile } from '../../main/media/audio';
import { sleep, type NetNs } from '../helpers/netns';
import { collectOutput, exitOf } from '../interop/peers/child-output';
import { removeDir, scratchDir } from '../interop/peers/scratch-dir';

/** baresip's medianat: ICE (RFC 8445, candidates from the STUN/TURN server) or plain STUN address discovery. */
export type BaresipMediaNat = 'ice' | 'stun';

export interface BaresipNatPhoneOptions {
  user: string;
  password: string;
  /** The registrar and proxy, e.g. 203.0.113.1:5060 (also the account's domain). */
  registrar: string;
  /** The host's own address and its interface (baresip binds SIP there). */
  address: string;
  iface: string;
  medianat: BaresipMediaNat;
  /** The STUN/TURN server: `turn:HOST:PORT` (ICE with a relay) or `stun:HOST:PORT`. */
  stunServer: string;
  stunUser?: string;
  stunPassword?: string;
  toneHz: number;
  tonePeakDbfs: number;
}

/** One call's audio as baresip's sndfile filter dumped it (8 kHz, PCMU). */
export interface BaresipDumps {
  sent: string;
  received: string;
}

const SIP_PORT = 5060;
/** ctrl_tcp on the namespace's own loopback (never SIP port + 1: baresip's SIP over TLS). */
const CTRL_PORT = 5095;

/**
 * baresip 1.0 behind a lab NAT: registered at the lab's kamailio, PCMU only, no SRTP,
 * `medianat` ice or stun with the lab's coturn, sending a tone from an aufile source,
 * sndfile dumping both directions, auto-answer, ctrl_tcp for dial and hangup.
 */
export class BaresipNatPhone {
  private readonly output: () => string;

  private constructor(
    private readonly ns: NetNs,
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly options: BaresipNatPhoneOptions,
  ) {
    this.output = collectOutput(child);
  }

  static async start(ns: NetNs, options: BaresipNatPhoneOptions): Promise<BaresipNatPhone> {
    const dir = scratchDir('baresip-nat');
    const rec = path.join(dir, 'rec');
    fs.mkdirSync(rec);
    const source = path.join(dir, 'tone.wav');
    const rate = 8000;
    const samples = new Int16Array(rate * 60);
    const amplitude = 32767 * 10 ** (options.tonePeakDbfs / 20);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(amplitude * Math.sin((2 * Math.PI * options.toneHz * i) / rate));
    // aufile hangs up when its file ends: a minute is longer than any call here
    writeWavFile(source, { sampleRate: rate, channels: 1, samples });
    const params = [
      `auth_pass=${options.password}`,
      'regint=60',
      'answermode=auto',
      'audio_codecs=PCMU/8000/1',
      `audio_source=aufile,${source}`,
      `medianat=${options.medianat}`,
      `stunserver=${options.stunServer}`,
      ...(options.stunUser ? [`stunuser=${options.stunUser}`] : []),
      ...(options.stunPassword ? [`stunpass=${options.stunPassword}`] : []),
    ];
    fs.writeFileSync(path.join(dir, 'accounts'), `<sip:${options.user}@${options.registrar};transport=udp>;${params.join(';')}\n`);
    fs.writeFileSync(path.join(dir, 'contacts'), '');
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        'poll_method epoll',
        `net_interface ${options.iface}`,
        'dns_server 127.0.0.1:53',
        `sip_listen ${options.address}:${SIP_PORT}`,
        'call_local_timeout 30',
        'audio_player alsa,null',
        'audio_source alsa,null',
        'audio_alert alsa,null',
        'ausrc_format s16',
        'auplay_format s16',
        'auenc_format s16',
        'audec_format s16',
        'rtp_ports 20000-20099',
        'rtcp_mux yes',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module alsa.so',
        'module aufile.so',
        'module sndfile.so',
        'module stun.so',
        'module turn.so',
        'module ice.so',
        'module_tmp uuid.so',
        'module_tmp account.so',
        'module_app contact.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${CTRL_PORT}`,
        `snd_path ${rec}`,
        '',
      ].join('\n'),
    );
    const child = ns.spawn('baresip', ['-4', '-f', dir]);
    const phone = new BaresipNatPhone(ns, child, dir, options);
    await phone.waitForOutput(/baresip is ready/, 15_000);
    return phone;
  }

  get log(): string {
    return this.output();
  }

  /** Until baresip logs its 200 OK to REGISTER (kamailio answered through the NAT). */
  async registered(timeoutMs = 15_000): Promise<void> {
    await this.waitForOutput(/200 OK/, timeoutMs);
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = this.output().match(pattern);
      if (m) return m;
      if (Date.now() > end) throw new Error(`baresip: no ${pattern} within ${timeoutMs} ms; log:\n${this.output().slice(-4000)}`);
      await sleep(50);
    }
  }

  /** A ctrl_tcp command (menu long name: dial, hangup, ...), sent by a short-lived client inside the namespace. */
  async command(command: string, params = ''): Promise<string> {
    const client = this.ns.spawn(process.execPath, ['-e', COMMAND_SCRIPT, String(CTRL_PORT), JSON.stringify({ command, params, token: 't' })]);
    const out = collectOutput(client);
    const timer = setTimeout(() => client.kill('SIGKILL'), 5000);
    const code = await exitOf(client);
    clearTimeout(timer);
    if (code !== 0) throw new Error(`baresip: ${command} failed (${code}): ${out()}`);
    return out();
  }

  /** Calls baresip has ended so far (its "Call with ... terminated" lines). */
  get callsEnded(): number {
    return this.output().match(/Call with .* terminated/g)?.length ?? 0;
  }

  /** The sndfile dumps of call number `nth` (1-based), once baresip closed it (sndfile completes the headers then); earlier dumps are removed first by clearDumps. */
  async dumps(nth: number, timeoutMs = 10_000): Promise<BaresipDumps> {
    const end0 = Date.now() + timeoutMs;
    while (this.callsEnded < nth) {
      if (Date.now() > end0) throw new Error(`baresip: call ${nth} did not end within ${timeoutMs} ms; log:\n${this.output().slice(-4000)}`);
      await sleep(50);
    }
    const rec = path.join(this.dir, 'rec');
    const end = Date.now() + 3000;
    for (;;) {
      const files = fs.readdirSync(rec).sort();
      const sent = files.find((f) => f.endsWith('-enc.wav'));
      const received = files.find((f) => f.endsWith('-dec.wav'));
      if (sent && received && fs.statSync(path.join(rec, received)).size > 44) return { sent: path.join(rec, sent), received: path.join(rec, received) };
      if (Date.now() > end) throw new Error(`baresip: no sndfile dumps in ${rec} (${files.join(', ')})`);
      await sleep(50);
    }
  }

  clearDumps(): void {
    const rec = path.join(this.dir, 'rec');
    for (const f of fs.readdirSync(rec)) fs.rmSync(path.join(rec, f));
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exitOf(this.child);
    clearTimeout(timer);
    removeDir(this.dir);
  }
}

/** Connects to ctrl_tcp, sends one netstring-framed JSON command, prints the response's data, exits. */
const COMMAND_SCRIPT = `
const net = require('node:net');
const [port, body] = process.argv.slice(1);
const s = net.connect(Number(port), '127.0.0.1', () => s.write(Buffer.byteLength(body) + ':' + body + ','));
let buf = '';
s.setEncoding('utf8');
s.on('error', (e) => { console.error(String(e)); process.exit(2); });
s.on('data', (d) => {
  buf += d;
  for (;;) {
    const m = /^(\\d+):/.exec(buf);
    if (!m || buf.length < m[0].length + Number(m[1]) + 1) return;
    const msg = JSON.parse(buf.slice(m[0].length, m[0].length + Number(m[1])));
    buf = buf.slice(m[0].length + Number(m[1]) + 1);
    if (msg.response) { process.stdout.write(String(msg.data ?? '')); process.exit(msg.ok ? 0 : 1); }
  }
});`;
