import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { requireCommand, sleep, type NetNs } from '../../helpers/netns';
import { collectOutput, exitOf } from './child-output';
import { removeDir, scratchDir } from './scratch-dir';
import { parseSippStats, type SippStats } from './sipp-stats';

export const SCENARIO_DIR = path.resolve(import.meta.dirname, '../scenarios');

export interface SippOptions {
  /** A built-in scenario (`uac`, `uas`, …) or an XML file in test/interop/scenarios, without `.xml`. */
  scenario: { builtin: string } | { file: string };
  /** `host:port` to send to (client scenarios). */
  remote?: string;
  /** `u1` UDP, `t1` one TCP connection (SIPp's -t). */
  transport?: 'u1' | 't1';
  localPort?: number;
  /** Calls to place before stopping (-m). */
  calls?: number;
  /** Calls per second (-r). */
  rate?: number;
  /** Stop after this long whatever happens (-timeout). */
  timeoutSeconds?: number;
  /** Write the statistics every this many seconds too, not only at the end (-fd), for `waitForStats`. */
  statsEverySeconds?: number;
  /** Keep every message sent and received (for assertions and failure reports). */
  traceMessages?: boolean;
  extra?: string[];
}

export interface SippResult {
  /** SIPp's exit code: 0 every call succeeded, 1 some failed, 97 stopped by command, 99 no call, 255/254 fatal. */
  code: number | string;
  verdict: string;
  stats: SippStats | undefined;
  /** SIPp's error log (unexpected messages, failed checks). */
  errors: string;
  /** The -trace_msg log, when asked for. */
  messages: string;
  /** Output of `<log>` actions in the scenario. */
  log: string;
  /** What SIPp printed. */
  output: string;
}

const VERDICTS: Record<string, string> = {
  '0': 'all calls succeeded',
  '1': 'at least one call failed',
  '97': 'stopped by an internal command',
  '99': 'no call was processed',
  '254': 'fatal error binding a socket',
  '255': 'fatal error',
};

/** A SIPp process inside a namespace, with its statistics, error and message logs in a scratch folder. */
export class Sipp {
  private readonly output: () => string;

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    this.output = collectOutput(child);
  }

  /** Starts SIPp; use `finished()` for client runs, `stop()` for a server in the background. */
  static start(ns: NetNs, options: SippOptions): Sipp {
    requireCommand('sipp');
    const dir = scratchDir('sipp');
    const s = options.scenario;
    const args = [
      ...('builtin' in s ? ['-sn', s.builtin] : ['-sf', path.join(SCENARIO_DIR, `${s.file}.xml`)]),
      ...(options.remote ? [options.remote] : []),
      '-i', '127.0.0.1',
      '-p', String(options.localPort ?? 25090),
      '-t', options.transport ?? 'u1',
      '-nostdin',
      '-trace_stat', '-stf', path.join(dir, 'stats.csv'),
      '-trace_err', '-error_file', path.join(dir, 'errors.log'),
      '-trace_logs', '-log_file', path.join(dir, 'log.log'),
      ...(options.traceMessages ? ['-trace_msg', '-message_file', path.join(dir, 'messages.log')] : []),
      ...(options.calls !== undefined ? ['-m', String(options.calls)] : []),
      ...(options.rate !== undefined ? ['-r', String(options.rate)] : []),
      ...(options.timeoutSeconds !== undefined ? ['-timeout', `${options.timeoutSeconds}s`] : []),
      ...(options.statsEverySeconds !== undefined ? ['-fd', String(options.statsEverySeconds)] : []),
      ...(options.extra ?? []),
    ];
    return new Sipp(ns.spawn('sipp', args, { cwd: dir }), dir);
  }

  /** Runs a client scenario to its end. */
  static async run(ns: NetNs, options: SippOptions): Promise<SippResult> {
    return Sipp.start(ns, { timeoutSeconds: 30, ...options }).finished();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The statistics written so far (with `statsEverySeconds`, refreshed while SIPp runs). */
  stats(): SippStats | undefined {
    return parseSippStats(this.read('stats.csv'));
  }

  /** Waits until the running statistics pass `done` (a server's calls end after its timewait). */
  async waitForStats(done: (stats: SippStats) => boolean, timeoutMs = 10_000): Promise<SippStats | undefined> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const stats = this.stats();
      if ((stats && done(stats)) || Date.now() > end) return stats;
      await sleep(200);
    }
  }

  /** Waits for SIPp to exit, reads its logs and removes its folder. */
  async finished(): Promise<SippResult> {
    const code = await exitOf(this.child);
    const read = (name: string): string => this.read(name);
    const result: SippResult = {
      code,
      verdict: VERDICTS[String(code)] ?? `exit ${code}`,
      stats: parseSippStats(read('stats.csv')),
      errors: read('errors.log'),
      messages: read('messages.log'),
      log: read('log.log'),
      output: this.output(),
    };
    removeDir(this.dir);
    return result;
  }

  private read(name: string): string {
    try {
      return fs.readFileSync(path.join(this.dir, name), 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops a background SIPp gracefully (SIGUSR1 makes it finish and write its statistics). */
  async stop(timeoutMs = 5000): Promise<SippResult> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGUSR1');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.finished();
    } finally {
      clearTimeout(timer);
    }
  }
}

/** One line for an assertion message: verdict, counters and the first errors SIPp logged. */
export function describeSipp(r: SippResult): string {
  const s = r.stats;
  const why = s ? Object.entries(s.counters).filter(([k, v]) => k.startsWith('Failed') && k !== 'FailedCall' && v > 0) : [];
  const counts = s ? `created ${s.created}, successful ${s.successful}, failed ${s.failed}${why.map(([k, v]) => `, ${k} ${v}`).join('')}` : 'no statistics';
  return `sipp: ${r.verdict} (${counts})\n${r.errors.slice(0, 2000)}\n${r.messages.slice(-3000)}`;
}
