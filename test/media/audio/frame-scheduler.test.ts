import { describe, expect, it } from 'vitest';
import { FrameScheduler, type FrameTick } from '../../../main/media/audio';
import { VirtualClock } from '../../helpers/virtual-clock';

function setup(options?: ConstructorParameters<typeof FrameScheduler>[2]): { clock: VirtualClock; ticks: FrameTick[]; scheduler: FrameScheduler } {
  const clock = new VirtualClock();
  clock.advance(1000); // start away from zero
  const ticks: FrameTick[] = [];
  const scheduler = new FrameScheduler(clock, (t) => ticks.push(t), options);
  return { clock, ticks, scheduler };
}

describe('FrameScheduler', () => {
  it('ticks every 20 ms on an absolute grid from start', () => {
    const { clock, ticks, scheduler } = setup();
    scheduler.start();
    clock.advance(100);
    expect(ticks.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks.map((t) => t.due)).toEqual([1000, 1020, 1040, 1060, 1080, 1100]);
    expect(ticks.every((t) => t.lateMs === 0 && t.skipped === 0)).toBe(true);
  });

  it('does not drift when timers fire late: 50 ticks per second over a minute', () => {
    const clock = new VirtualClock();
    const ticks: FrameTick[] = [];
    // A clock whose timers always fire 7 ms late, as a busy event loop would.
    const late = {
      now: () => clock.now(),
      setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms + 7),
      clearTimeout: (h: Parameters<VirtualClock['clearTimeout']>[0]) => clock.clearTimeout(h),
    };
    const scheduler = new FrameScheduler(late, (t) => ticks.push(t));
    scheduler.start();
    clock.advance(60_000);
    expect(ticks.length).toBeGreaterThanOrEqual(2999);
    expect(ticks.length).toBeLessThanOrEqual(3001);
    expect(ticks.at(-1)!.due).toBe((ticks.length - 1) * 20);
    expect(Math.max(...ticks.map((t) => t.lateMs))).toBeLessThanOrEqual(7);
  });

  it('catches up on overdue ticks back to back', () => {
    const { clock, ticks, scheduler } = setup();
    const stalled = {
      now: () => clock.now(),
      setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms === 0 ? 0 : 65),
      clearTimeout: (h: Parameters<VirtualClock['clearTimeout']>[0]) => clock.clearTimeout(h),
    };
    const s = new FrameScheduler(stalled, (t) => ticks.push(t));
    scheduler.stop();
    s.start();
    clock.advance(65);
    // Tick 0 at once, then one timer 65 ms later runs ticks 1, 2 and 3 together.
    expect(ticks.map((t) => [t.index, t.lateMs])).toEqual([
      [0, 0],
      [1, 45],
      [2, 25],
      [3, 5],
    ]);
  });

  it('skips what is older than maxCatchUp and says how many', () => {
    const { clock, ticks, scheduler } = setup({ maxCatchUp: 3 });
    let stalls = 1;
    const slow = new FrameScheduler(
      {
        now: () => clock.now(),
        setTimeout: (fn, ms) => clock.setTimeout(fn, ms > 0 && stalls-- > 0 ? 210 : ms),
        clearTimeout: (h) => clock.clearTimeout(h),
      },
      (t) => ticks.push(t),
      { maxCatchUp: 3 },
    );
    scheduler.stop();
    slow.start();
    clock.advance(210);
    // At 210 ms ticks 1..10 are due: 1..7 are skipped, 8, 9, 10 run.
    expect(ticks.map((t) => t.index)).toEqual([0, 8, 9, 10]);
    expect(ticks[1]!.skipped).toBe(7);
    expect(ticks[2]!.skipped).toBe(0);
    clock.advance(20);
    expect(ticks.at(-1)!.index).toBe(11);
  });

  it('stops, even from inside a tick, and leaves no timer behind', () => {
    const clock = new VirtualClock();
    let count = 0;
    const scheduler = new FrameScheduler(clock, () => {
      if (++count === 3) scheduler.stop();
    });
    scheduler.start();
    expect(scheduler.isRunning).toBe(true);
    clock.advance(1000);
    expect(count).toBe(3);
    expect(scheduler.isRunning).toBe(false);
    expect(clock.pending()).toBe(0);
    scheduler.start();
    scheduler.start(); // idempotent
    clock.advance(40);
    expect(count).toBe(6);
    scheduler.stop();
    expect(clock.pending()).toBe(0);
    expect(() => new FrameScheduler(clock, () => undefined, { intervalMs: 0 })).toThrow(RangeError);
  });
});
