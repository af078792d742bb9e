import { describe, expect, it } from 'vitest';
import { COMPENSATION, RtcpScheduler, rtcpInterval, updateAvgRtcpSize } from '../../../main/media/rtp';
import { VirtualClock } from '../../helpers/virtual-clock';

const call = { members: 2, senders: 2, rtcpBandwidth: 400, weSent: true, avgRtcpSize: 128, initial: false };

describe('RTCP interval (RFC 3550 §6.3.1, §A.7)', () => {
  it('keeps the 5 s minimum, halved before the first report, randomised over [0.5, 1.5) and compensated', () => {
    expect(rtcpInterval(call, () => 0.5)).toBeCloseTo(5 / COMPENSATION, 10);
    expect(rtcpInterval({ ...call, initial: true }, () => 0.5)).toBeCloseTo(2.5 / COMPENSATION, 10);
    expect(rtcpInterval(call, () => 0)).toBeCloseTo(2.5 / COMPENSATION, 10);
    expect(rtcpInterval(call, () => 0.999999)).toBeCloseTo((5 * 1.499999) / COMPENSATION, 5);
    expect(rtcpInterval({ ...call, minTime: 1 }, () => 0.5)).toBeCloseTo(1 / COMPENSATION, 10);
  });

  it('scales with the membership and splits the bandwidth 1/4 senders, 3/4 receivers', () => {
    const big = { members: 1000, senders: 1, rtcpBandwidth: 400, avgRtcpSize: 128, initial: false };
    expect(rtcpInterval({ ...big, weSent: false }, () => 0.5)).toBeCloseTo((128 * 999) / 300 / COMPENSATION, 8);
    expect(rtcpInterval({ ...big, weSent: true }, () => 0.5)).toBeCloseTo(5 / COMPENSATION, 8); // 128/100 s is under the minimum
    const many = { members: 100, senders: 50, rtcpBandwidth: 400, avgRtcpSize: 128, initial: false, weSent: true };
    expect(rtcpInterval(many, () => 0.5)).toBeCloseTo((128 * 100) / 400 / COMPENSATION, 8);
  });

  it('averages the packet size with a 1/16 gain (§6.3.3)', () => {
    expect(updateAvgRtcpSize(128, 256)).toBe(136);
  });
});

describe('RtcpScheduler', () => {
  it('sends the first report after the halved interval, then on the regular interval, in virtual time', () => {
    const clock = new VirtualClock();
    const sent: number[] = [];
    const scheduler = new RtcpScheduler({
      clock,
      rtcpBandwidth: 400,
      random: () => 0.5,
      membership: () => ({ members: 2, senders: 2, weSent: true }),
      send: () => (sent.push(clock.now()), 100),
    });
    scheduler.start();
    clock.advance(20_000);
    const first = (2.5 / COMPENSATION) * 1000;
    const step = (5 / COMPENSATION) * 1000;
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent[0]).toBeCloseTo(first, 6);
    expect(sent[1]! - sent[0]!).toBeCloseTo(step, 6);
    expect(sent[2]! - sent[1]!).toBeCloseTo(step, 6);
    scheduler.stop();
    const count = sent.length;
    clock.advance(60_000);
    expect(sent.length).toBe(count);
    expect(clock.pending()).toBe(0);
  });

  it('reconsiders when the group grew before the timer fired (§6.3.6)', () => {
    const clock = new VirtualClock();
    const sent: number[] = [];
    let members = 2;
    const scheduler = new RtcpScheduler({
      clock,
      rtcpBandwidth: 400,
      random: () => 0.5,
      membership: () => ({ members, senders: 1, weSent: false }),
      send: () => (sent.push(clock.now()), 100),
    });
    scheduler.start();
    members = 100; // 99 receivers sharing 300 octets/s: 128 * 99 / 300 s
    clock.advance(10_000);
    expect(sent).toEqual([]);
    clock.advance(60_000);
    expect(sent[0]).toBeCloseTo(((128 * 99) / 300 / COMPENSATION) * 1000, 0);
    scheduler.stop();
  });

  it('leaves with a BYE at once in a small group, and not at all if it never sent (§6.3.7)', () => {
    const clock = new VirtualClock();
    const byes: number[] = [];
    const make = (): RtcpScheduler =>
      new RtcpScheduler({ clock, rtcpBandwidth: 400, random: () => 0.5, membership: () => ({ members: 2, senders: 1, weSent: false }), send: () => 100 });
    const quiet = make();
    quiet.start();
    quiet.leave(() => (byes.push(clock.now()), 40));
    expect(byes).toEqual([]);
    const talker = make();
    talker.start();
    clock.advance(3000); // first report went out
    talker.leave(() => (byes.push(clock.now()), 40));
    expect(byes).toEqual([3000]);
    expect(clock.pending()).toBe(0);
  });

  it('in a large group, delays the BYE by an interval computed from the BYEs of others (§6.3.7)', () => {
    const clock = new VirtualClock();
    const byes: number[] = [];
    const scheduler = new RtcpScheduler({ clock, rtcpBandwidth: 400, random: () => 0.5, membership: () => ({ members: 200, senders: 100, weSent: true }), send: () => 128 });
    scheduler.start();
    clock.advance(200_000);
    const left = clock.now();
    scheduler.leave(() => (byes.push(clock.now()), 128));
    expect(byes).toEqual([]);
    for (let i = 0; i < 20; i++) scheduler.onRtcpReceived(100, true); // 21 members leaving
    scheduler.onRtcpReceived(100); // ignored while leaving
    clock.advance(60_000);
    expect(byes).toHaveLength(1);
    // starts as if initial (2.5 s), then reconsidered for 21 BYE members sharing 75% of 400 octets/s
    expect(byes[0]! - left).toBeGreaterThan((2.5 / COMPENSATION) * 1000);
    expect(clock.pending()).toBe(0);
  });
});
