import type { ReportBlock, RtcpPacket, SenderInfo } from './rtcp-types';
import { SDES_ITEM } from './rtcp-types';

/** RFC 3550 §6.4: the five-bit count field holds at most 31 report blocks per SR/RR. */
export const MAX_REPORT_BLOCKS = 31;

export interface CompoundReportInput {
  ssrc: number;
  /** RFC 3550 §6.5.1: the canonical name every compound packet carries. */
  cname: string;
  /** Present when we sent RTP since the last report: the packet is then an SR (§6.4). */
  sender?: SenderInfo;
  reports: ReportBlock[];
  /** Ends the compound with a BYE for our SSRC (§6.6). */
  bye?: { reason?: string };
}

/**
 * The packets of one compound RTCP report, in the order RFC 3550 §6.1 requires: SR or RR
 * first, further RRs for report blocks past 31 (§6.4.2), SDES with CNAME, then BYE last.
 */
export function buildCompoundReport(input: CompoundReportInput): RtcpPacket[] {
  const packets: RtcpPacket[] = [];
  const first = input.reports.slice(0, MAX_REPORT_BLOCKS);
  if (input.sender) packets.push({ type: 'sr', ssrc: input.ssrc, sender: input.sender, reports: first, extension: Buffer.alloc(0) });
  else packets.push({ type: 'rr', ssrc: input.ssrc, reports: first, extension: Buffer.alloc(0) });
  for (let i = MAX_REPORT_BLOCKS; i < input.reports.length; i += MAX_REPORT_BLOCKS) {
    packets.push({ type: 'rr', ssrc: input.ssrc, reports: input.reports.slice(i, i + MAX_REPORT_BLOCKS), extension: Buffer.alloc(0) });
  }
  packets.push({ type: 'sdes', chunks: [{ ssrc: input.ssrc, items: [{ type: SDES_ITEM.CNAME, text: input.cname }] }] });
  if (input.bye) packets.push(input.bye.reason !== undefined ? { type: 'bye', sources: [input.ssrc], reason: input.bye.reason } : { type: 'bye', sources: [input.ssrc] });
  return packets;
}

/** RFC 3550 §6.4.1: the sender's packet and payload-octet counts for its SR. */
export class SenderStats {
  private packets = 0;
  private octets = 0;
  private sentSinceReport = false;

  /** Counts one RTP packet; `payloadLength` excludes header and padding (§6.4.1). */
  onSent(payloadLength: number): void {
    this.packets = (this.packets + 1) >>> 0;
    this.octets = (this.octets + payloadLength) >>> 0;
    this.sentSinceReport = true;
  }

  /** Whether RTP went out since the last report, i.e. whether the next report is an SR (§6.4). */
  get weSent(): boolean {
    return this.sentSinceReport;
  }

  /** The SR sender info for wall-clock `ntp` and the RTP timestamp of that same instant; starts a new report interval. */
  senderInfo(ntp: { seconds: number; fraction: number }, rtpTimestamp: number): SenderInfo {
    this.sentSinceReport = false;
    return { ntpSeconds: ntp.seconds, ntpFraction: ntp.fraction, rtpTimestamp: rtpTimestamp >>> 0, packetCount: this.packets, octetCount: this.octets };
  }

  /** RFC 3550 §6.4.1: counts restart when the SSRC changes. */
  reset(): void {
    this.packets = 0;
    this.octets = 0;
    this.sentSinceReport = false;
  }
}
