/**
 * Call-rate capacity of a headless LiteSIP UAS against SIPp's own UAS: SIPp's built-in `uac`
 * places INVITE/ACK/BYE calls (no pause) at rising rates, 5 s per step, against `sipp -sn uas`
 * and against `litesip run --auto-answer 0`, each inside a private network namespace.
 * Reported: the highest rate at which every call succeeded. Needs root, sipp, and the
 * engine's call handling (`--auto-answer`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { NetNs, requireCommand, requireRoot } from '../test/helpers/netns';
import { LiteSip } from '../test/interop/peers/litesip';
import { Sipp, type SippResult } from '../test/interop/peers/sipp';
import type { BenchRow, BenchTable } from './bench-table';

const RATES = [25, 50, 100, 200, 400, 800, 1200, 1600, 2400, 3200];
const STEP_SECONDS = 5;
const TARGET_PORT = 25070;
const CLI = path.resolve(import.meta.dirname, '../bin/litesip.js');

interface Step {
  rate: number;
  calls: number;
  successful: number;
  failed: number;
  measuredRate: number;
  /** Calls that failed on a response the scenario did not expect (an error status such as 486). */
  unexpected: number;
  /** Calls that failed for want of an answer (retransmissions exhausted, receive timeout). */
  unanswered: number;
}

interface Target {
  name: string;
  note: string;
  /** Starts the UAS in `ns` on TARGET_PORT; returns how to stop it. */
  start(ns: NetNs): Promise<() => Promise<void>>;
}

const sippUas: Target = {
  name: 'sipp uas',
  note: 'SIPp 3.6 built-in UAS',
  start(ns) {
    const uas = Sipp.start(ns, { scenario: { builtin: 'uas' }, localPort: TARGET_PORT });
    return Promise.resolve(async () => void (await uas.stop()));
  },
};

const liteSipUas: Target = {
  name: 'litesip run --auto-answer 0',
  note: 'headless LiteSIP, UDP',
  async start(ns) {
    // calls at once stay far below the limit, so a refusal (486) never counts as a failure here
    const uas = LiteSip.start(ns, ['run', '--auto-answer', '0', '--max-calls', '10000', '--user', 'service', '--listen', `udp:127.0.0.1:${TARGET_PORT}`]);
    await uas.waitFor('ready', () => true, 30_000);
    return async () => void (await uas.stop('SIGTERM'));
  },
};

function requireAutoAnswer(): void {
  const help = spawnSync(process.execPath, [CLI, 'run', '--help'], { encoding: 'utf8' });
  if (!help.stdout.includes('--auto-answer')) {
    throw new Error('sip-load: `litesip run --help` lists no --auto-answer flag; this benchmark needs the engine to answer calls');
  }
}

/** One step: `rate` calls/s for STEP_SECONDS; a step that runs over gets cut off and counts as failed. */
async function step(ns: NetNs, rate: number, calls = rate * STEP_SECONDS): Promise<Step> {
  const r: SippResult = await Sipp.run(ns, {
    scenario: { builtin: 'uac' },
    remote: `127.0.0.1:${TARGET_PORT}`,
    localPort: 25090,
    calls,
    rate,
    timeoutSeconds: STEP_SECONDS * 4,
    extra: ['-d', '0', '-l', String(rate * 2)],
  });
  const s = r.stats;
  const c = s?.counters ?? {};
  return {
    rate,
    calls,
    successful: s?.successful ?? 0,
    failed: calls - (s?.successful ?? 0),
    measuredRate: s?.callRate ?? 0,
    unexpected: c.FailedUnexpectedMessage ?? 0,
    unanswered: (c.FailedMaxUDPRetrans ?? 0) + (c.FailedTimeoutOnRecv ?? 0),
  };
}

/** Rising rates until the first step with a failed call. */
async function measure(target: Target): Promise<Step[]> {
  const ns = NetNs.create('lsip-load');
  const steps: Step[] = [];
  try {
    const stop = await target.start(ns);
    try {
      // Warm-up, not counted: the first calls load code paths (and the JIT) that later calls reuse.
      await step(ns, 5, 10);
      for (const rate of RATES) {
        const s = await step(ns, rate);
        steps.push(s);
        if (s.failed > 0) break;
      }
    } finally {
      await stop();
    }
  } finally {
    await ns.destroy();
  }
  return steps;
}

export async function run(): Promise<BenchTable[]> {
  requireRoot();
  requireCommand('sipp');
  requireAutoAnswer();
  const results: { target: Target; steps: Step[] }[] = [];
  for (const target of [sippUas, liteSipUas]) results.push({ target, steps: await measure(target) });

  const best: BenchRow[] = results.map(({ target, steps }) => {
    const clean = steps.filter((s) => s.failed === 0).at(-1);
    return { name: target.name, value: clean?.rate ?? 0, unit: 'calls/s', note: `${target.note}; ${clean ? `${clean.measuredRate.toFixed(0)} calls/s measured` : 'no clean step'}` };
  });
  const detail: BenchRow[] = results.flatMap(({ target, steps }) =>
    steps.map((s) => ({ name: `${target.name} @ ${s.rate}/s`, value: s.successful, unit: `of ${s.calls} calls`, note: `${s.failed} failed (${s.unexpected} on an error response, ${s.unanswered} unanswered), ${s.measuredRate.toFixed(0)} calls/s measured` })),
  );
  return [
    { title: `SIP load: highest rate with no failed call (SIPp uac, INVITE/ACK/BYE, ${STEP_SECONDS} s per step)`, rows: best, baseline: 'sipp uas' },
    { title: 'SIP load: every step', rows: detail },
  ];
}
