import type { Clock, TimerHandle } from '../../lib/clock';
import { rtcpInterval, updateAvgRtcpSize } from './rtcp-interval';

/** RFC 3550 §6.3.3: octets of UDP and IPv4 headers counted in packet_size. */
export const LOWER_LAYER_OVERHEAD = 28;

export interface RtcpSchedulerOptions {
  clock: Clock;
  /** RTCP bandwidth, octets per second. */
  rtcpBandwidth: number;
  /** Session membership as seen now. */
  membership: () => { members: number; senders: number; weSent: boolean };
  /** Sends one compound RTCP packet and returns its size in octets. */
  send: () => number;
  random?: () => number;
  minTime?: number;
}

/**
 * Sends RTCP on the RFC 3550 §6.3 schedule: first report after half the minimum interval,
 * then randomised intervals, with timer reconsideration (§6.3.6) when the timer fires early
 * for a grown membership. BYE reconsideration (§6.3.7) is left to the caller.
 */
export class RtcpScheduler {
  private tp = 0;
  private timer: TimerHandle | undefined;
  private initial = true;
  private avgRtcpSize: number;
  private running = false;

  constructor(private readonly options: RtcpSchedulerOptions) {
    // RFC 3550 §6.3.2: start with the size of the first packet we will probably build
    this.avgRtcpSize = 100 + LOWER_LAYER_OVERHEAD;
  }

  /** Seconds from now, for the state as it is (exposed for tests and logs). */
  interval(): number {
    const m = this.options.membership();
    return rtcpInterval(
      { ...m, rtcpBandwidth: this.options.rtcpBandwidth, avgRtcpSize: this.avgRtcpSize, initial: this.initial, ...(this.options.minTime !== undefined ? { minTime: this.options.minTime } : {}) },
      this.options.random,
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tp = this.options.clock.now();
    this.arm(this.tp + this.interval() * 1000);
  }

  stop(): void {
    this.running = false;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** RFC 3550 §6.3.3: every RTCP packet received updates the average size. */
  onRtcpReceived(size: number): void {
    this.avgRtcpSize = updateAvgRtcpSize(this.avgRtcpSize, size + LOWER_LAYER_OVERHEAD);
  }

  private arm(at: number): void {
    this.timer = this.options.clock.setTimeout(() => this.expire(), Math.max(0, at - this.options.clock.now()));
  }

  /** RFC 3550 §6.3.6: recompute T; send only if tp + T is not in the future. */
  private expire(): void {
    if (!this.running) return;
    const now = this.options.clock.now();
    const tn = this.tp + this.interval() * 1000;
    if (tn > now) {
      this.arm(tn);
      return;
    }
    const size = this.options.send();
    this.avgRtcpSize = updateAvgRtcpSize(this.avgRtcpSize, size + LOWER_LAYER_OVERHEAD);
    this.tp = now;
    this.initial = false;
    this.arm(now + this.interval() * 1000);
  }
}
