import { describe, expect, it } from 'vitest';
import { CrlfKeepAlive, keepAliveDelayMs } from '../../../main/sip/transport/crlf-keep-alive';
import { FlowFailedError } from '../../../main/sip/transport/errors';
import { mustLeaveUdp } from '../../../main/sip/transport/size-rule';
import { VirtualClock } from '../../helpers/virtual-clock';

describe('RFC 5626 §4.4.1 keep-alive timing', () => {
  it('picks 80% to 100% of Flow-Timer, or of 120 s (streams) / 95 s (UDP)', () => {
    expect(keepAliveDelayMs(true, undefined, () => 0)).toBe(96_000);
    expect(keepAliveDelayMs(true, undefined, () => 0.999999)).toBe(120_000);
    expect(keepAliveDelayMs(false, undefined, () => 0)).toBe(76_000);
    expect(keepAliveDelayMs(true, 30, () => 0.5)).toBe(27_000);
  });
});

describe('CrlfKeepAlive', () => {
  it('pings on schedule and keeps going while pongs come back', () => {
    const clock = new VirtualClock();
    let pings = 0;
    const failures: FlowFailedError[] = [];
    const ka = new CrlfKeepAlive({ clock, flowTimerSeconds: 30, random: () => 0, sendPing: async () => void pings++, onFailed: (e) => failures.push(e) });
    ka.start();
    clock.advance(23_999);
    expect(pings).toBe(0);
    clock.advance(1);
    expect(pings).toBe(1);
    expect(ka.awaitingPong).toBe(true);
    clock.advance(5_000);
    ka.pong();
    expect(ka.awaitingPong).toBe(false);
    clock.advance(19_000);
    expect(pings).toBe(2);
    ka.pong();
    clock.advance(23_999);
    expect(failures).toEqual([]);
    expect(pings).toBe(2);
    ka.stop();
    expect(clock.pending()).toBe(0);
  });

  it('declares the flow failed 10 s after an unanswered ping, once', () => {
    const clock = new VirtualClock();
    const failures: FlowFailedError[] = [];
    const ka = new CrlfKeepAlive({ clock, random: () => 0, sendPing: async () => undefined, onFailed: (e) => failures.push(e) });
    ka.start();
    clock.advance(96_000);
    clock.advance(9_999);
    expect(failures).toHaveLength(0);
    clock.advance(1);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(FlowFailedError);
    clock.advance(1_000_000);
    expect(failures).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('fails when the ping cannot be written', async () => {
    const clock = new VirtualClock();
    const failures: FlowFailedError[] = [];
    const ka = new CrlfKeepAlive({ clock, random: () => 0, sendPing: () => Promise.reject(new Error('closed')), onFailed: (e) => failures.push(e) });
    ka.start();
    clock.advance(96_000);
    await Promise.resolve();
    expect(failures[0]?.message).toContain('closed');
  });
});

describe('RFC 3261 §18.1.1 size rule', () => {
  it('moves requests over 1300 bytes, or within 200 bytes of a known MTU', () => {
    expect(mustLeaveUdp(1300)).toBe(false);
    expect(mustLeaveUdp(1301)).toBe(true);
    expect(mustLeaveUdp(1300, 1500)).toBe(false);
    expect(mustLeaveUdp(1301, 1500)).toBe(true);
    expect(mustLeaveUdp(900, 1000)).toBe(true);
  });
});
