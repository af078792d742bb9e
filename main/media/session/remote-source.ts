import { ReceptionStats, type RtpPacket } from '../rtp';

/** What we know of the peer's RTP source: reception statistics (RFC 3550 §A.1, §A.3, §A.8) and when it last sent. */
export class RemoteSource {
  stats: ReceptionStats | undefined;
  clockRate = 8000;
  packets = 0;
  lastAt: number | undefined;

  /** Counts a packet; a new SSRC starts new statistics (RFC 3550 §8.2). */
  onPacket(packet: RtpPacket, clockRate: number, authenticated: boolean, now: number): void {
    if (this.stats?.ssrc !== packet.ssrc) {
      this.clockRate = clockRate;
      // RFC 3550 §A.1: authenticated SRTP needs no probation
      this.stats = new ReceptionStats(packet.ssrc, { clockRate, ...(authenticated && { minSequential: 0 }) });
    }
    this.stats.onPacket(packet.sequenceNumber, packet.timestamp, now);
    this.packets++;
    this.lastAt = now;
  }

  /** The statistics once the source is valid, for report blocks. */
  get valid(): ReceptionStats | undefined {
    return this.stats?.valid ? this.stats : undefined;
  }
}
