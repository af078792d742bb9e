import { describe, expect, it } from 'vitest';
import {
  T1,
  T2,
  T4,
  TIMER_A,
  TIMER_B,
  TIMER_D,
  TIMER_E,
  TIMER_F,
  TIMER_G,
  TIMER_H,
  TIMER_I,
  TIMER_J,
  TIMER_K,
  TIMER_L,
  TIMER_M,
  transactionTimers,
} from '../../../main/sip/transaction/timers';

describe('transaction timers (RFC 3261 Appendix A, RFC 6026)', () => {
  it('has the RFC default values', () => {
    expect([T1, T2, T4]).toEqual([500, 4000, 5000]);
    expect([TIMER_A, TIMER_B, TIMER_D, TIMER_E, TIMER_F, TIMER_G, TIMER_H]).toEqual([500, 32000, 32000, 500, 32000, 500, 32000]);
    expect([TIMER_I, TIMER_J, TIMER_K, TIMER_L, TIMER_M]).toEqual([5000, 32000, 5000, 32000, 32000]);
  });

  it('derives every timer from T1, T2, T4 over an unreliable transport', () => {
    expect(transactionTimers({}, false)).toEqual({
      t1: 500, t2: 4000, t4: 5000, reliable: false,
      a: 500, b: 32000, d: 32000, e: 500, f: 32000, g: 500, h: 32000,
      i: 5000, j: 32000, k: 5000, l: 32000, m: 32000, trying: 200,
    });
  });

  it('zeroes D, I, J and K over a reliable transport', () => {
    const t = transactionTimers({}, true);
    expect([t.d, t.i, t.j, t.k]).toEqual([0, 0, 0, 0]);
    expect([t.b, t.f, t.h, t.l, t.m]).toEqual([32000, 32000, 32000, 32000, 32000]);
  });

  it('follows configured T1, T2, T4; Timer D never drops below 32 s', () => {
    const slow = transactionTimers({ t1: 1000, t2: 8000, t4: 6000 }, false);
    expect([slow.a, slow.b, slow.d, slow.f, slow.h, slow.i, slow.j, slow.k, slow.l, slow.m]).toEqual([
      1000, 64000, 64000, 64000, 64000, 6000, 64000, 6000, 64000, 64000,
    ]);
    const fast = transactionTimers({ t1: 100 }, false);
    expect([fast.b, fast.d, fast.t2]).toEqual([6400, 32000, 4000]);
  });
});
