import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../helpers/virtual-clock';

describe('VirtualClock', () => {
  it('fires timers in time order, including timers set by timers, and not before their time', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@500'), 500);
    const a = clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 100);
    }, 200);
    const x = clock.setTimeout(() => fired.push('never'), 300);
    clock.clearTimeout(x);
    clock.advance(199);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['a@200']);
    clock.advance(1000);
    expect(fired).toEqual(['a@200', 'c@300', 'b@500']);
    expect(clock.now()).toBe(1200);
    expect(clock.pending()).toBe(0);
    clock.clearTimeout(a);
  });
});
