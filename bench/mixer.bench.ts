/**
 * Local conference mixer cost: one 20 ms round (a frame in from every party and the microphone,
 * N−1 mixes out, soft-limited) for 2, 4 and 8 parties, as microseconds per round and as the
 * share of one core the mixer takes in real time (50 rounds a second). Baseline: summing the
 * same frames once into one Int32 buffer with no per-party mixes or limiter.
 */
import { FRAME_SAMPLES, ToneSource } from '../main/media/audio';
import { AudioMixer } from '../main/media/mixer';
import type { BenchRow, BenchTable } from './bench-table';

const ROUNDS = 3000;
const idleClock = { now: () => 0, setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined };

function mixerRound(parties: number): number {
  const mixer = new AudioMixer(idleClock);
  mixer.setLocalInput(new ToneSource(300));
  const ports = Array.from({ length: parties }, (_, i) => ({ port: mixer.addParty(String(i)), tone: new ToneSource(400 + 100 * i) }));
  const frames = ports.map((p) => p.tone.read()!);
  const run = (n: number): void => {
    for (let r = 0; r < n; r++) {
      ports.forEach((p, i) => p.port.sink.write(frames[i]!));
      mixer.mixRound();
      for (const p of ports) p.port.source.read();
    }
  };
  run(200);
  const start = performance.now();
  run(ROUNDS);
  return ((performance.now() - start) * 1000) / ROUNDS;
}

function plainSum(parties: number): number {
  const frames = Array.from({ length: parties + 1 }, (_, i) => new ToneSource(300 + 100 * i).read()!);
  const total = new Int32Array(FRAME_SAMPLES);
  const run = (n: number): void => {
    for (let r = 0; r < n; r++) {
      total.fill(0);
      for (const f of frames) for (let k = 0; k < FRAME_SAMPLES; k++) total[k]! += f[k]!;
    }
  };
  run(200);
  const start = performance.now();
  run(ROUNDS);
  return ((performance.now() - start) * 1000) / ROUNDS;
}

export async function run(): Promise<BenchTable[]> {
  const rows: BenchRow[] = [];
  for (const n of [2, 4, 8]) {
    const us = mixerRound(n);
    rows.push({ name: `mixer, ${n} parties`, value: us, unit: 'µs/round', note: `${((us * 50) / 10_000).toFixed(3)} % of a core` });
    if (n === 8) rows.push({ name: 'one plain sum, 8 parties', value: plainSum(n), unit: 'µs/round' });
  }
  return [{ title: 'Conference mixer: one 20 ms round at 48 kHz', rows, baseline: 'one plain sum, 8 parties', lowerIsBetter: true }];
}
