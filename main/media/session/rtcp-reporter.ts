import type { Clock } from '../../lib/clock';
import {
  buildCompoundReport,
  ntpFromUnixMs,
  ntpMiddle,
  roundTripTime,
  RtcpScheduler,
  serializeRtcpCompound,
  type ReceptionStats,
  type RtcpPacket,
  type SenderStats,
} from '../rtp';

/** RFC 3550 §6.2: RTCP gets 5% of the session bandwidth; an audio call is about 64 kbit/s. */
const RTCP_BANDWIDTH = (64_000 / 8) * 0.05;

export interface RtcpReporterOptions {
  clock: Clock;
  wallClock: () => number;
  cname: string;
  ssrc: number;
  senderStats: SenderStats;
  /** RTP timestamp of our stream at a clock time, and its rate. */
  rtpTimestampAt: (now: number) => number;
  /** Statistics of the peer's source, once it sent something. */
  reception: () => ReceptionStats | undefined;
  /** Protects and sends one compound packet; returns its size in octets, 0 when not sent. */
  send: (compound: Buffer) => number;
  minIntervalSec?: number;
}

/**
 * Our RTCP: SR or RR with SDES CNAME on the RFC 3550 §6.3 schedule, BYE when leaving, and what
 * the peer's reports say about our stream (loss, RTT from LSR/DLSR, §6.4.1).
 */
export class RtcpReporter {
  private readonly scheduler: RtcpScheduler;
  private remoteSeen = false;
  rttMs: number | undefined;
  remoteFractionLost: number | undefined;
  remoteLeft = false;
  reportsReceived = 0;

  constructor(private readonly options: RtcpReporterOptions) {
    this.scheduler = new RtcpScheduler({
      clock: options.clock,
      rtcpBandwidth: RTCP_BANDWIDTH,
      membership: () => {
        const peerSends = this.options.reception() !== undefined;
        const weSent = this.options.senderStats.weSent;
        return { members: this.remoteSeen || peerSends ? 2 : 1, senders: (weSent ? 1 : 0) + (peerSends ? 1 : 0), weSent };
      },
      send: () => this.sendReport(),
      ...(options.minIntervalSec !== undefined && { minTime: options.minIntervalSec }),
    });
  }

  start(): void {
    this.scheduler.start();
  }

  /** RFC 3550 §6.6: BYE as we leave (at once in a two-party call). */
  leave(): void {
    this.scheduler.leave(() => this.sendReport(true));
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** Takes a compound packet from the peer (already authenticated when SRTCP is on). */
  onPackets(packets: readonly RtcpPacket[], size: number): void {
    const now = this.options.clock.now();
    this.remoteSeen = true;
    this.reportsReceived++;
    this.scheduler.onRtcpReceived(size, packets.some((p) => p.type === 'bye'));
    const arrival = ntpMiddle(ntpFromUnixMs(this.options.wallClock()));
    for (const p of packets) {
      if (p.type === 'sr') this.options.reception()?.onSenderReport(p.sender, now);
      if (p.type === 'sr' || p.type === 'rr') {
        const block = p.reports.find((r) => r.ssrc === this.options.ssrc);
        if (!block) continue;
        this.remoteFractionLost = block.fractionLost / 256;
        const rtt = roundTripTime(block, arrival);
        if (rtt !== undefined) this.rttMs = rtt * 1000;
      }
      if (p.type === 'bye') this.remoteLeft = true;
    }
  }

  private sendReport(bye = false): number {
    const now = this.options.clock.now();
    const stats = this.options.senderStats;
    const reception = this.options.reception();
    const packets = buildCompoundReport({
      ssrc: this.options.ssrc,
      cname: this.options.cname,
      // RFC 3550 §6.4: an SR when we sent RTP since the last report
      ...(stats.weSent && { sender: stats.senderInfo(ntpFromUnixMs(this.options.wallClock()), this.options.rtpTimestampAt(now)) }),
      reports: reception?.valid ? [reception.reportBlock(now)] : [],
      ...(bye && { bye: {} }),
    });
    return this.options.send(serializeRtcpCompound(packets));
  }
}
