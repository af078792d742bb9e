import { describe, expect, it } from 'vitest';
import { buildCompoundReport, parseRtcpCompound, SenderStats, serializeRtcpCompound, type ReportBlock } from '../../../main/media/rtp';

function block(ssrc: number): ReportBlock {
  return { ssrc, fractionLost: 0, cumulativeLost: 0, highestSequence: ssrc, jitter: 0, lastSr: 0, delaySinceLastSr: 0 };
}

describe('Compound reports (RFC 3550 §6.1, §6.4)', () => {
  it('puts an RR first when we did not send, then SDES CNAME', () => {
    const packets = buildCompoundReport({ ssrc: 5, cname: 'alice@192.0.2.10', reports: [block(9)] });
    expect(packets.map((p) => p.type)).toEqual(['rr', 'sdes']);
    const wire = serializeRtcpCompound(packets);
    const back = parseRtcpCompound(wire);
    expect(back.ok && back.value).toEqual(packets);
  });

  it('puts an SR first when we sent, spills blocks past 31 into RRs, and ends with BYE', () => {
    const stats = new SenderStats();
    stats.onSent(160);
    stats.onSent(160);
    expect(stats.weSent).toBe(true);
    const sender = stats.senderInfo({ seconds: 100, fraction: 0 }, 3200);
    expect(sender).toEqual({ ntpSeconds: 100, ntpFraction: 0, rtpTimestamp: 3200, packetCount: 2, octetCount: 320 });
    expect(stats.weSent).toBe(false);
    const reports = Array.from({ length: 40 }, (_, i) => block(i + 1));
    const packets = buildCompoundReport({ ssrc: 5, cname: 'me', sender, reports, bye: { reason: 'done' } });
    expect(packets.map((p) => p.type)).toEqual(['sr', 'rr', 'sdes', 'bye']);
    expect(packets[0]!.type === 'sr' && packets[0]!.reports.length).toBe(31);
    expect(packets[1]!.type === 'rr' && packets[1]!.reports.length).toBe(9);
    const back = parseRtcpCompound(serializeRtcpCompound(packets));
    expect(back.ok && back.value).toEqual(packets);
    stats.reset();
    expect(stats.senderInfo({ seconds: 0, fraction: 0 }, 0).packetCount).toBe(0);
  });
});
