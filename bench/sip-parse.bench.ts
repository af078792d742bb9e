/**
 * SIP parse + serialize throughput of the message layer against drachtio-sip and `sip`, on
 * a realistic mix (INVITE and 200 with SDP, REGISTER with Authorization, MESSAGE, NOTIFY
 * with PIDF, 100 Trying) from test/fixtures/sip/. Each round parses every message of the mix
 * and serializes it back; msgs/s counts messages.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseMessage, viaWithParam, type SipMessage } from '../main/sip/message';
import type { BenchTable } from './bench-table';

const require = createRequire(import.meta.url);
const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/sip');
const MIX = ['invite-sdp.sip', 'ok-sdp.sip', 'register-auth.sip', 'message.sip', 'notify-pidf.sip', 'trying.sip'];

interface DrachtioSip {
  SipMessage: new (raw: string) => { toString(): string };
}
interface NodeSip {
  parse(raw: Buffer | string): unknown;
  stringify(msg: unknown): string;
}

type Round = (messages: readonly Buffer[]) => number;

interface Contender {
  name: string;
  note: string;
  round: Round;
  /** Messages per CPU-second of each slice. */
  rates: number[];
}

/**
 * Runs the contenders in alternating slices of about 40 ms for `totalMs` each and keeps,
 * per contender, the median rate over its slices, counting the process's CPU time rather
 * than wall time: on a shared machine, load from other processes then falls on all of them
 * alike and a slice that lost the CPU does not count against whoever ran in it.
 */
function measure(contenders: Contender[], messages: readonly Buffer[], totalMs: number): void {
  for (const c of contenders) {
    const warmUntil = performance.now() + 300;
    while (performance.now() < warmUntil) c.round(messages);
  }
  const slices = Math.max(1, Math.round(totalMs / 40));
  for (let s = 0; s < slices; s++) {
    for (const c of contenders) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      let count = 0;
      while (performance.now() - start < 40) {
        for (let i = 0; i < 10; i++) count += c.round(messages);
      }
      const used = process.cpuUsage(cpu);
      c.rates.push((count * 1e6) / (used.user + used.system));
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

let sink = 0;

const litesip: Round = (messages) => {
  for (const m of messages) {
    const r = parseMessage(m);
    if (!r.ok) throw new Error(r.error.reason);
    // the eager headers are parsed; touch them so nothing is optimized away
    sink += r.value.via.length + r.value.cseq.seq + r.value.toBuffer().length;
  }
  return messages.length;
};

/** What a proxy or transport does: parse, change the top Via (received/rport), serialize. */
const litesipModified: Round = (messages) => {
  for (const m of messages) {
    const r = parseMessage(m);
    if (!r.ok) throw new Error(r.error.reason);
    const msg: SipMessage = r.value;
    const top = msg.via[0];
    if (top) msg.setTopVia(viaWithParam(top, 'received', '192.0.2.77'));
    sink += msg.toBuffer().length;
  }
  return messages.length;
};

export async function run(): Promise<BenchTable[]> {
  const messages = MIX.map((f) => fs.readFileSync(path.join(FIXTURES, f)));
  const drachtio = require('drachtio-sip') as DrachtioSip;
  const sip = require('sip') as NodeSip;
  const drachtioRound: Round = (ms) => {
    for (const m of ms) sink += new drachtio.SipMessage(m.toString('utf8')).toString().length;
    return ms.length;
  };
  const sipRound: Round = (ms) => {
    for (const m of ms) sink += sip.stringify(sip.parse(m)).length;
    return ms.length;
  };
  const duration = Number(process.env.BENCH_MS ?? 3000);
  const contenders: Contender[] = [
    { name: 'drachtio-sip 0.6.3', note: 'new SipMessage(text).toString()', round: drachtioRound, rates: [] },
    { name: 'sip 0.0.6', note: 'stringify(parse(buf))', round: sipRound, rates: [] },
    { name: 'LiteSIP', note: 'eager headers parsed; unmodified message reuses its bytes', round: litesip, rates: [] },
    { name: 'LiteSIP, Via changed', note: 'top Via stamped (received), unchanged lines copied', round: litesipModified, rates: [] },
  ];
  measure(contenders, messages, duration);
  const rows = contenders.map((c) => ({ name: c.name, value: median(c.rates), unit: 'msgs/s', note: c.note }));
  const best = rows[0]!.value >= rows[1]!.value ? rows[0]! : rows[1]!;
  if (sink === 42) console.log('');
  return [
    {
      title: `SIP parse + serialize, ${MIX.length}-message mix, per CPU-second, median of slices (target ≥ 3x the better peer)`,
      rows,
      baseline: best.name,
    },
  ];
}
