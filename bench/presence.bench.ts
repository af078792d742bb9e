/**
 * Presence fan-out: one engine with 200 watchers, each a lightweight user agent with its own
 * UDP socket on 127.0.0.1 holding an RFC 3856 subscription (allowed watchers, PIDF bodies).
 * Measured: the time from `presence:set-status` until every watcher has parsed a NOTIFY with
 * the new state, over several changes (median and worst), and the NOTIFY rate that implies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Communicator } from '../main/engine';
import { systemClock } from '../main/lib/clock';
import { ClientSubscription, parsePidf, PIDF_TYPE } from '../main/presence';
import { parseUri } from '../main/sip/message';
import { UserAgent } from '../main/sip/ua';
import type { PresenceStatus } from '../shared/ipc';
import type { BenchTable } from './bench-table';

const WATCHERS = 200;
/** Changes measured (BENCH_ROUNDS to profile longer). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const STATES: PresenceStatus[] = ['busy', 'away', 'available'];

interface Watcher {
  ua: UserAgent;
  sub: ClientSubscription;
  /** The last status and note this watcher read. */
  last: string;
}

async function watcher(i: number, target: string, onNotify: (w: Watcher) => void): Promise<Watcher> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: `w${i}`, product: 'bench' });
  const uri = parseUri(target);
  if (!uri.ok) throw new Error(`bad target ${target}`);
  const w: Watcher = { ua, sub: undefined as unknown as ClientSubscription, last: '' };
  w.sub = new ClientSubscription(ua, systemClock, {
    target: uri.value,
    event: 'presence',
    accept: [PIDF_TYPE],
    expires: 3600,
    delegate: {
      notified: (_state, request) => {
        if (request.body.length === 0) return;
        const p = parsePidf(request.body.toString('utf8'));
        w.last = `${p.status} ${p.note}`;
        onNotify(w);
      },
      ended: () => undefined,
    },
  });
  return w;
}

/** Resolves when every watcher has read `expected` (checked as NOTIFYs arrive, no polling). */
class Arrivals {
  private expected = '';
  private missing = new Set<Watcher>();
  private resolve: (() => void) | undefined;

  expect(expected: string, watchers: Watcher[], timeoutMs: number): Promise<void> {
    this.expected = expected;
    this.missing = new Set(watchers.filter((w) => w.last !== expected));
    if (this.missing.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.missing.size} watchers did not hear "${expected}" in time`)), timeoutMs);
      this.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  heard(w: Watcher): void {
    if (w.last === this.expected && this.missing.delete(w) && this.missing.size === 0) this.resolve?.();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function fanOut(count: number): Promise<{ times: number[]; cpuMs: number[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-bench-'));
  const engine = new Communicator({ dataDir, listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'bob' });
  const watchers: Watcher[] = [];
  try {
    await engine.start();
    const target = `sip:bob@127.0.0.1:${engine.listening()[0]!.port}`;
    const arrivals = new Arrivals();
    for (let i = 0; i < count; i++) watchers.push(await watcher(i, target, (w) => arrivals.heard(w)));
    // Allowed in advance, so every subscription is active from its first NOTIFY (RFC 3856 §6.6).
    for (const w of watchers) {
      const r = await engine.request('contacts:accept-watcher', { uri: w.ua.localUri });
      if (!r.ok) throw new Error(r.error.message);
    }
    const ready = arrivals.expect('available ', watchers, 10_000);
    await Promise.all(watchers.map((w) => w.sub.start()));
    await ready;
    const times: number[] = [];
    const cpuMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const status = STATES[round % STATES.length]!;
      const note = `round ${round}`;
      const all = arrivals.expect(`${status} ${note}`, watchers, 10_000);
      const cpu = process.cpuUsage();
      const start = performance.now();
      const r = await engine.request('presence:set-status', { status, note });
      if (!r.ok) throw new Error(r.error.message);
      await all;
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      cpuMs.push((used.user + used.system) / 1000);
    }
    return { times, cpuMs };
  } finally {
    await Promise.all(watchers.map((w) => w.sub.stop(100)));
    await engine.stop();
    await Promise.all(watchers.map((w) => w.ua.close()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchTable[]> {
  const one = await fanOut(1);
  const many = await fanOut(WATCHERS);
  const m = median(many.times);
  return [
    {
      title: `Presence: NOTIFY fan-out, time until every watcher has the new state (${ROUNDS} changes)`,
      baseline: 'target: within a second',
      lowerIsBetter: true,
      rows: [
        { name: 'target: within a second', value: 1000, unit: 'ms' },
        { name: '1 watcher, median', value: median(one.times), unit: 'ms' },
        { name: `${WATCHERS} watchers, median`, value: m, unit: 'ms', note: `${Math.round((WATCHERS / m) * 1000)} NOTIFY/s` },
        { name: `${WATCHERS} watchers, worst`, value: Math.max(...many.times), unit: 'ms' },
        { name: `${WATCHERS} watchers, CPU per change`, value: median(many.cpuMs), unit: 'ms', note: 'both ends: the engine and all watchers run in this process' },
      ],
    },
  ];
}
