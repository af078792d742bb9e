import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { writeWavFile } from '../../../main/media/audio';
import type { NetNs } from '../../helpers/netns';
import { collectOutput, exitOf } from './child-output';
import { removeDir, scratchDir } from './scratch-dir';

export type BaresipCodec = 'opus' | 'g722' | 'pcmu' | 'pcma';
/** baresip's mediaenc: none, SDES best effort (RTP/AVP + a=crypto), SDES mandatory (RTP/SAVP), DTLS-SRTP (UDP/TLS/RTP/SAVP). */
export type BaresipMediaenc = 'none' | 'srtp' | 'srtp-mand' | 'dtls_srtp';

/** The rtpmap baresip 1.0 registers for each codec (its `audio_codecs` account parameter). */
const CODEC_ID: Readonly<Record<BaresipCodec, string>> = { opus: 'opus/48000/2', g722: 'G722/16000/1', pcmu: 'PCMU/8000/1', pcma: 'PCMA/8000/1' };
/** aufile plays a file only at the codec's own rate and channel count (it does not convert). */
const SOURCE_FORMAT: Readonly<Record<BaresipCodec, { rate: number; channels: 1 | 2 }>> = {
  opus: { rate: 48000, channels: 2 },
  g722: { rate: 16000, channels: 1 },
  pcmu: { rate: 8000, channels: 1 },
  pcma: { rate: 8000, channels: 1 },
};

export interface PhoneAccount {
  user: string;
  codec: BaresipCodec;
  mediaenc: BaresipMediaenc;
  /** a=ptime baresip offers and sends with (account parameter `ptime`); baresip's default is 20. */
  ptime?: number;
}

export interface BaresipPhoneOptions {
  sipPort: number;
  /** ctrl_tcp port (never sipPort + 1: baresip takes that one for SIP over TLS). */
  ctrlPort: number;
  accounts: PhoneAccount[];
  /** The tone every account sends (aufile source files written for it). */
  toneHz: number;
  /** Peak level of that tone in dBFS. */
  tonePeakDbfs: number;
  /** Seconds of tone in the source files; aufile hangs up when its file ends. */
  toneSeconds?: number;
  /** `rtcp_mux yes`: baresip offers and accepts RTP/RTCP multiplexing (RFC 5761); its default is no. */
  rtcpMux?: boolean;
  /** baresip's RTP port range, e.g. `25200-25219` (to tell its packets apart in a capture). */
  rtpPorts?: string;
}

/** One ctrl_tcp event (CALL_ESTABLISHED, CALL_CLOSED, ...). */
export interface BaresipEvent {
  type?: string;
  class?: string;
  accountaor?: string;
  direction?: string;
  peeruri?: string;
  id?: string;
  param?: string;
}

/** One call's audio as baresip's sndfile filter dumped it. */
export interface BaresipRecording {
  /** What baresip encoded and sent. */
  sent: string;
  /** What baresip received and decoded. */
  received: string;
}

/**
 * baresip 1.0 as a softphone for call tests: one account per codec and media encryption
 * (`audio_codecs`, `mediaenc`, `ptime`), each sending a tone from its own aufile source,
 * sndfile dumping both directions of every call, ctrl_tcp for commands and events.
 */
export class BaresipPhone {
  readonly events: BaresipEvent[] = [];
  private readonly output: () => string;
  private readonly control: ChildProcess;
  private readonly replies: ((data: string) => void)[] = [];

  private constructor(
    private readonly ns: NetNs,
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly options: BaresipPhoneOptions,
  ) {
    this.output = collectOutput(child);
    this.control = ns.spawn(process.execPath, ['-e', CONTROL_SCRIPT, String(options.ctrlPort)], { stdin: true });
    readline.createInterface({ input: this.control.stdout! }).on('line', (line) => this.onControl(line));
  }

  static async start(ns: NetNs, options: BaresipPhoneOptions): Promise<BaresipPhone> {
    const dir = scratchDir('baresip-phone');
    fs.mkdirSync(path.join(dir, 'rec'));
    const accounts = options.accounts.map((a) => {
      const source = writeToneFile(dir, a.codec, options);
      const params = [
        'regint=0',
        'answermode=auto',
        `audio_codecs=${CODEC_ID[a.codec]}`,
        `audio_source=aufile,${source}`,
        ...(a.mediaenc === 'none' ? [] : [`mediaenc=${a.mediaenc}`]),
        ...(a.ptime === undefined ? [] : [`ptime=${a.ptime}`]),
      ];
      return `<sip:${a.user}@127.0.0.1:${options.sipPort}>;${params.join(';')}\n`;
    });
    fs.writeFileSync(path.join(dir, 'accounts'), accounts.join(''));
    fs.writeFileSync(path.join(dir, 'contacts'), '');
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        'poll_method epoll',
        'net_interface 127.0.0.1',
        'dns_server 127.0.0.1:53',
        `sip_listen 127.0.0.1:${options.sipPort}`,
        'call_local_timeout 15',
        'audio_player alsa,null',
        'audio_source alsa,null',
        'audio_alert alsa,null',
        'ausrc_format s16',
        'auplay_format s16',
        'auenc_format s16',
        'audec_format s16',
        'rtp_stats yes',
        ...(options.rtpPorts ? [`rtp_ports ${options.rtpPorts}`] : []),
        ...(options.rtcpMux ? ['rtcp_mux yes'] : []),
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module g722.so',
        'module opus.so',
        'module alsa.so',
        'module aufile.so',
        'module sndfile.so',
        'module srtp.so',
        ...(options.accounts.some((a) => a.mediaenc === 'dtls_srtp') ? ['module dtls_srtp.so'] : []),
        'module_tmp uuid.so',
        'module_tmp account.so',
        'module_app contact.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${options.ctrlPort}`,
        `snd_path ${path.join(dir, 'rec')}`,
        '',
      ].join('\n'),
    );
    const child = ns.spawn('baresip', ['-f', dir]);
    const phone = new BaresipPhone(ns, child, dir, options);
    await phone.waitForOutput(/baresip is ready/, 15_000);
    await phone.connectControl();
    return phone;
  }

  uri(user: string): string {
    return `sip:${user}@127.0.0.1:${this.options.sipPort}`;
  }

  get log(): string {
    return this.output();
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pattern.test(this.output())) {
      if (Date.now() > end) throw new Error(`baresip: no ${pattern} within ${timeoutMs} ms; log:\n${this.output().slice(-4000)}`);
      await sleep(50);
    }
  }

  /** A ctrl_tcp command (a menu long name: dial, hangup, sndcode, uafind, ...); resolves with its `data`. */
  command(command: string, params = '', timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip: no reply to ${command} within ${timeoutMs} ms`)), timeoutMs);
      this.replies.push((data) => {
        clearTimeout(timer);
        resolve(data);
      });
      this.control.stdin!.write(`${JSON.stringify({ command, params, token: 't' })}\n`);
    });
  }

  /** Calls `uri` from `user`'s account. */
  async dial(user: string, uri: string): Promise<void> {
    await this.command('uafind', `sip:${user}@127.0.0.1:${this.options.sipPort}`);
    await this.command('dial', uri);
  }

  /** Hangs up the call of `user`'s account (ctrl_tcp's hangup acts on the current account). */
  async hangup(user: string): Promise<void> {
    await this.command('uafind', this.uri(user));
    await this.command('hangup');
  }

  /** The first event (seen before or arriving within `timeoutMs`) that passes `match`. */
  async waitForEvent(match: (e: BaresipEvent) => boolean, timeoutMs = 10_000): Promise<BaresipEvent> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > end) throw new Error(`baresip: no matching event within ${timeoutMs} ms; events: ${JSON.stringify(this.events.slice(-5))}\nlog:\n${this.output().slice(-3000)}`);
      await sleep(25);
    }
  }

  /** The sndfile dumps of the newest call (named by the second they started, so calls must not overlap). */
  async lastRecording(timeoutMs = 3000): Promise<BaresipRecording> {
    const rec = path.join(this.dir, 'rec');
    const end = Date.now() + timeoutMs;
    for (;;) {
      const files = fs.readdirSync(rec).sort();
      const sent = files.filter((f) => f.endsWith('-enc.wav')).at(-1);
      const received = files.filter((f) => f.endsWith('-dec.wav')).at(-1);
      // sndfile writes the header sizes when the call closes
      if (sent && received && fs.statSync(path.join(rec, sent)).size > 44 && fs.statSync(path.join(rec, received)).size > 44) {
        return { sent: path.join(rec, sent), received: path.join(rec, received) };
      }
      if (Date.now() > end) throw new Error(`baresip: no sndfile dumps in ${rec} (${files.join(', ')})`);
      await sleep(50);
    }
  }

  /** Removes earlier dumps so the next call's are the only ones. */
  clearRecordings(): void {
    const rec = path.join(this.dir, 'rec');
    for (const f of fs.readdirSync(rec)) fs.rmSync(path.join(rec, f));
  }

  async stop(): Promise<void> {
    this.control.kill('SIGTERM');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exitOf(this.child);
    clearTimeout(timer);
    removeDir(this.dir);
  }

  private async connectControl(): Promise<void> {
    const end = Date.now() + 5000;
    for (;;) {
      try {
        await this.command('uafind', this.uri(this.options.accounts[0]!.user), 1000);
        return;
      } catch (err) {
        if (Date.now() > end) throw err;
      }
    }
  }

  private onControl(line: string): void {
    let body: { response?: boolean; data?: string; event?: boolean } & BaresipEvent;
    try {
      body = JSON.parse(line) as typeof body;
    } catch {
      return;
    }
    if (body.response) this.replies.shift()?.(String(body.data ?? ''));
    else if (body.event) this.events.push(body);
  }
}

/**
 * Runs inside the namespace: keeps one ctrl_tcp connection (reconnecting until it opens),
 * turns JSON lines on stdin into netstrings and netstrings from baresip into JSON lines.
 */
const CONTROL_SCRIPT = `
const net = require('node:net');
const port = Number(process.argv[1]);
let socket, buf = '', pending = [];
function connect() {
  const s = net.connect(port, '127.0.0.1');
  s.on('connect', () => { socket = s; for (const m of pending) send(m); pending = []; });
  s.on('error', () => { socket = undefined; setTimeout(connect, 100); });
  s.on('close', () => { if (socket === s) process.exit(0); });
  s.setEncoding('utf8');
  s.on('data', (d) => {
    buf += d;
    for (;;) {
      const m = /^(\\d+):/.exec(buf);
      if (!m || buf.length < m[0].length + Number(m[1]) + 1) break;
      process.stdout.write(buf.slice(m[0].length, m[0].length + Number(m[1])).replace(/\\n/g, ' ') + '\\n');
      buf = buf.slice(m[0].length + Number(m[1]) + 1);
    }
  });
}
function send(line) { socket.write(Buffer.byteLength(line) + ':' + line + ','); }
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => socket ? send(line) : pending.push(line));
connect();`;

function writeToneFile(dir: string, codec: BaresipCodec, options: BaresipPhoneOptions): string {
  const { rate, channels } = SOURCE_FORMAT[codec];
  const file = path.join(dir, `tone-${rate}-${channels}.wav`);
  if (fs.existsSync(file)) return file;
  const frames = rate * (options.toneSeconds ?? 30);
  const amplitude = 32767 * 10 ** (options.tonePeakDbfs / 20);
  const samples = new Int16Array(frames * channels);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(amplitude * Math.sin((2 * Math.PI * options.toneHz * i) / rate));
    for (let c = 0; c < channels; c++) samples[i * channels + c] = v;
  }
  writeWavFile(file, { sampleRate: rate, channels, samples });
  return file;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
