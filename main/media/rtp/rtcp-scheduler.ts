import type { Clock, TimerHandle } from '../../lib/clock';
import { rtcpInterval, updateAvgRtcpSize } from './rtcp-interval';

/** RFC 3550 §6.3.3: octets of UDP and IPv4 headers counted in packet_size. */
export const LOWER_LAYER_OVERHEAD = 28;
/** RFC 3550 §6.3.7: below this many members a BYE may go out at once. */
export const BYE_IMMEDIATE_MEMBERS = 50;

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
 * then randomised intervals, with timer reconsideration (§6.3.6) and BYE reconsideration
 * (§6.3.7). Membership and member timeouts (§6.3.5) are the caller's, read through
 * `membership()`; reverse reconsideration (§6.3.4) is not done.
 */
export class RtcpScheduler {
  private tp = 0;
  private timer: TimerHandle | undefined;
  private initial = true;
  private avgRtcpSize: number;
  private running = false;
  private sent = 0;
  private leaving: { byes: number; sendBye: () => number } | undefined;

  constructor(private readonly options: RtcpSchedulerOptions) {
    // RFC 3550 §6.3.2: start with the size of the first packet we will probably build
    this.avgRtcpSize = 100 + LOWER_LAYER_OVERHEAD;
  }

  /** Seconds from tp, for the state as it is (exposed for tests and logs). */
  interval(): number {
    const m = this.leaving ? { members: this.leaving.byes, senders: 0, weSent: false } : this.options.membership();
    const minTime = this.options.minTime !== undefined ? { minTime: this.options.minTime } : {};
    return rtcpInterval({ ...m, rtcpBandwidth: this.options.rtcpBandwidth, avgRtcpSize: this.avgRtcpSize, initial: this.initial, ...minTime }, this.options.random);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tp = this.options.clock.now();
    this.arm(this.tp + this.interval() * 1000);
  }

  stop(): void {
    this.running = false;
    this.leaving = undefined;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** RFC 3550 §6.3.3: every RTCP packet received updates the average size; BYEs count while leaving. */
  onRtcpReceived(size: number, isBye = false): void {
    if (this.leaving) {
      if (!isBye) return; // §6.3.7: while leaving only BYE packets count
      this.leaving.byes++;
    }
    this.avgRtcpSize = updateAvgRtcpSize(this.avgRtcpSize, size + LOWER_LAYER_OVERHEAD);
  }

  /**
   * RFC 3550 §6.3.7: leave the session. No BYE if we never sent anything; at once in a small
   * group; otherwise after a reconsidered interval counting only the BYEs of others.
   */
  leave(sendBye: () => number): void {
    const m = this.options.membership();
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sent === 0 && !m.weSent) return this.stop();
    if (!this.running || m.members < BYE_IMMEDIATE_MEMBERS) {
      sendBye();
      return this.stop();
    }
    this.leaving = { byes: 1, sendBye };
    this.tp = this.options.clock.now();
    this.initial = true;
    this.arm(this.tp + this.interval() * 1000);
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
    if (this.leaving) {
      this.leaving.sendBye();
      this.stop();
      return;
    }
    const size = this.options.send();
    this.sent++;
    this.avgRtcpSize = updateAvgRtcpSize(this.avgRtcpSize, size + LOWER_LAYER_OVERHEAD);
    this.tp = now;
    this.initial = false;
    this.arm(now + this.interval() * 1000);
  }
}
