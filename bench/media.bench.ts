/**
 * Media engine cost: Opus + SRTP (mandatory SDES) calls between two MediaSessions on
 * 127.0.0.1, each side playing a tone into the other. CPU per call is process.cpuUsage()
 * over wall time (both ends of the call are in this process, so a call counts twice the work
 * one endpoint does); event-loop delay p99 by perf_hooks.monitorEventLoopDelay during 10 calls.
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { NullSink, ToneSource } from '../main/media/audio';
import { MediaSession } from '../main/media/session';
import type { BenchTable } from './bench-table';

const WARMUP_MS = 500;

async function call(): Promise<MediaSession[]> {
  const options = { bindHost: '127.0.0.1', codecs: ['opus' as const], srtp: 'mandatory' as const, sink: new NullSink() };
  const a = await MediaSession.create({ ...options, source: new ToneSource(440) });
  const b = await MediaSession.create({ ...options, source: new ToneSource(1000) });
  const answer = b.createAnswer(a.createOffer());
  if (!answer.ok) throw new Error(`answer refused: ${answer.reason}`);
  const applied = a.applyAnswer(answer.sdp);
  if (!applied.ok) throw applied.error;
  return [a, b];
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Runs `calls` concurrent calls; CPU percent of one core per call, event-loop p99 and packets received. */
async function measure(calls: number, runMs: number): Promise<{ cpuPerCall: number; p99Ms: number; maxMs: number; received: number; expected: number }> {
  const sessions = (await Promise.all(Array.from({ length: calls }, () => call()))).flat();
  await sleep(WARMUP_MS);
  const before = sessions.map((s) => s.quality().packetsReceived);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await sleep(runMs);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - start;
  histogram.disable();
  const received = sessions.reduce((n, s, i) => n + s.quality().packetsReceived - before[i]!, 0);
  await Promise.all(sessions.map((s) => s.close()));
  const cpuMs = (used.user + used.system) / 1000;
  return {
    cpuPerCall: (100 * cpuMs) / wall / calls,
    p99Ms: histogram.percentile(99) / 1e6,
    maxMs: histogram.max / 1e6,
    received,
    expected: Math.round((sessions.length * wall) / 20),
  };
}

export async function run(): Promise<BenchTable[]> {
  await measure(2, 1500); // JIT and wasm warm-up, not counted
  const one = await measure(1, 3000);
  const ten = await measure(10, 5000);
  // On a shared machine the wall-clock figures depend on the other tenants: say how busy it was.
  const load = `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
  const delivery = (m: { received: number; expected: number }): string => `${m.received}/${m.expected} packets received; ${load}`;
  return [
    {
      title: 'Media: CPU per Opus + SRTP loopback call (both ends), % of one core',
      lowerIsBetter: true,
      rows: [
        { name: '1 call', value: one.cpuPerCall, unit: '% core', note: `target ≤ 2; ${delivery(one)}` },
        { name: '10 calls', value: ten.cpuPerCall, unit: '% core', note: `target ≤ 2; ${delivery(ten)}` },
      ],
    },
    {
      title: 'Media: event-loop delay during 10 calls',
      lowerIsBetter: true,
      rows: [
        { name: 'p99', value: ten.p99Ms, unit: 'ms', note: `target ≤ 5; ${load}` },
        { name: 'max', value: ten.maxMs, unit: 'ms' },
      ],
    },
  ];
}
