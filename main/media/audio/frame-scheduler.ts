import type { Clock, TimerHandle } from '../../lib/clock';
import { FRAME_MS } from './frame';

/** What a tick learns about itself. */
export interface FrameTick {
  /** Tick number since start(), counting skipped ones. */
  readonly index: number;
  /** When the tick was due, in clock milliseconds (start + index × interval). */
  readonly due: number;
  /** How late it runs (now − due), ≥ 0. */
  readonly lateMs: number;
  /** Ticks dropped just before this one because the loop fell too far behind. */
  readonly skipped: number;
}

export interface FrameSchedulerOptions {
  /** Interval in ms (default 20). */
  intervalMs?: number;
  /** Overdue ticks run back to back up to this many; older ones are skipped (default 5, 100 ms). */
  maxCatchUp?: number;
}

/**
 * Runs a callback every 20 ms on an absolute grid (start + n × interval), so timer jitter and
 * callback time never accumulate into drift. A late timer runs every overdue tick at once, up
 * to maxCatchUp; beyond that the oldest are skipped and reported.
 */
export class FrameScheduler {
  readonly intervalMs: number;
  private readonly maxCatchUp: number;
  private startTime = 0;
  private nextIndex = 0;
  private timer: TimerHandle | undefined;
  private running = false;
  /** Bound once: arming a tick allocates no closure (50 timers a second per call). */
  private readonly fireBound = (): void => this.fire();

  constructor(
    private readonly clock: Clock,
    private readonly onTick: (tick: FrameTick) => void,
    options: FrameSchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? FRAME_MS;
    this.maxCatchUp = Math.max(1, options.maxCatchUp ?? 5);
    if (!(this.intervalMs > 0)) throw new RangeError(`frame interval must be positive (got ${this.intervalMs})`);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts ticking; tick 0 runs as soon as the clock lets it. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startTime = this.clock.now();
    this.nextIndex = 0;
    this.arm();
  }

  stop(): void {
    this.running = false;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private dueOf(index: number): number {
    return this.startTime + index * this.intervalMs;
  }

  private arm(): void {
    const wait = Math.max(0, this.dueOf(this.nextIndex) - this.clock.now());
    this.timer = this.clock.setTimeout(this.fireBound, wait);
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.running) return;
    const now = this.clock.now();
    const overdue = Math.floor((now - this.dueOf(this.nextIndex)) / this.intervalMs) + 1;
    let skipped = 0;
    if (overdue > this.maxCatchUp) {
      skipped = overdue - this.maxCatchUp;
      this.nextIndex += skipped;
    }
    while (this.running && this.dueOf(this.nextIndex) <= now) {
      const index = this.nextIndex++;
      const due = this.dueOf(index);
      this.onTick({ index, due, lateMs: now - due, skipped });
      skipped = 0;
    }
    if (this.running) this.arm();
  }
}
