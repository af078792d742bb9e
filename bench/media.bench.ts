/**
 * Media engine cost: Opus + SRTP (mandatory SDES) calls between two MediaSessions on
 * 127.0.0.1, each side playing a tone into the other. Both ends of a call are in this
 * process, so a call counts twice the work one endpoint does. CPU per call is reported two
 * ways: process.cpuUsage() over wall time, and process.cpuUsage() per second of audio the calls
 * really carried (received packets × 20 ms over both directions). On a busy machine the
 * scheduler starves, fewer frames are sent and the first figure drops with them; the second
 * stays the cost of a call that runs at full rate. Event-loop delay p99 by
 * perf_hooks.monitorEventLoopDelay during 10 calls.
 */
import dgram from 'node:dgram';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { NullSink, ToneSource } from '../main/media/audio';
import { MediaSession } from '../main/media/session';
import type { BenchTable } from './bench-table';

const WARMUP_MS = 500;
/** Packets per second in each direction of a call at the default 20 ms packet time. */
const PACKETS_PER_SECOND = 50;

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
async function measure(calls: number, runMs: number): Promise<{ cpuPerCall: number; cpuPerCallSecond: number; p99Ms: number; maxMs: number; received: number; expected: number }> {
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
    // call-seconds of audio carried: each call has two directions of PACKETS_PER_SECOND
    cpuPerCallSecond: received > 0 ? (100 * cpuMs) / ((1000 * received) / (2 * PACKETS_PER_SECOND)) : NaN,
    p99Ms: histogram.percentile(99) / 1e6,
    maxMs: histogram.max / 1e6,
    received,
    expected: Math.round((sessions.length * wall) / 20),
  };
}

/**
 * The event loop's own share: `calls` pairs of UDP sockets on 127.0.0.1 each sending 172-byte
 * datagrams every 20 ms both ways from timers, with no media work at all. Same units as a
 * call: CPU per second of packets carried, both ends.
 */
async function bareLoop(calls: number, runMs: number): Promise<number> {
  const sockets = await Promise.all(
    Array.from({ length: 2 * calls }, async () => {
      const socket = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      return socket;
    }),
  );
  let received = 0;
  let running = true;
  const payload = Buffer.alloc(172);
  sockets.forEach((socket, i) => {
    socket.on('message', () => received++);
    const peer = sockets[i ^ 1]!.address().port;
    const start = performance.now() + (i * 20) / sockets.length;
    let n = 0;
    const tick = (): void => {
      if (!running) return;
      socket.send(payload, peer, '127.0.0.1');
      n++;
      setTimeout(tick, Math.max(0, start + n * 20 - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  await sleep(WARMUP_MS);
  const from = received;
  const cpu = process.cpuUsage();
  await sleep(runMs);
  const used = process.cpuUsage(cpu);
  const carried = received - from;
  running = false;
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return carried > 0 ? (100 * ((used.user + used.system) / 1000)) / ((1000 * carried) / (2 * PACKETS_PER_SECOND)) : NaN;
}

export async function run(): Promise<BenchTable[]> {
  // JIT and wasm warm-up, not counted: enough frames for the per-frame code to reach its
  // optimized tier, so the single call below measures a call, not the compiler
  await measure(10, 2000);
  const one = await measure(1, 3000);
  const ten = await measure(10, 5000);
  const bareOne = await bareLoop(1, 3000);
  const bareTen = await bareLoop(10, 3000);
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
      title: 'Media: CPU per second of Opus + SRTP call audio carried (both ends), % of one core',
      lowerIsBetter: true,
      rows: [
        { name: '1 call', value: one.cpuPerCallSecond, unit: '% core', note: `target ≤ 2; one endpoint ${(one.cpuPerCallSecond / 2).toFixed(2)}; ${load}` },
        { name: '10 calls', value: ten.cpuPerCallSecond, unit: '% core', note: `target ≤ 2; one endpoint ${(ten.cpuPerCallSecond / 2).toFixed(2)}; ${load}` },
        { name: 'bare loop, 1 call', value: bareOne, unit: '% core', note: `timers and UDP sockets alone at a call's packet rate, no media work; ${load}` },
        { name: 'bare loop, 10 calls', value: bareTen, unit: '% core', note: `the same for 10 calls; ${load}` },
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
