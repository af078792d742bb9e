import type { CodecName } from '../../sdp';
import type { JitterStats } from '../jitter';
import type { ReceptionStats } from '../rtp';
import type { QualityReport } from './media-events';
import { estimateMos } from './quality-score';
import type { RtcpReporter } from './rtcp-reporter';

/** Packetization plus a typical codec look-ahead, ms, in the one-way delay of the E-model. */
const CODEC_DELAY_MS = 25;

export interface QualityInput {
  codec: CodecName | undefined;
  srtp: boolean;
  packetsSent: number;
  packetsReceived: number;
  srtpFailures: number;
  reception: ReceptionStats | undefined;
  receptionClockRate: number;
  rtcp: RtcpReporter;
  jitter: JitterStats | undefined;
}

export function buildQualityReport(q: QualityInput): QualityReport {
  const r = q.reception;
  // RFC 3550 §A.3: expected = extended highest − base + 1 = received + cumulative lost
  const lost = r ? Math.max(0, r.cumulativeLost) : 0;
  const expected = r ? r.received + r.cumulativeLost : 0;
  const lossPercent = expected > 0 ? (100 * lost) / expected : 0;
  const jitterMs = r ? (r.jitter * 1000) / q.receptionClockRate : 0;
  const playoutDelayMs = q.jitter?.delayMs ?? 0;
  const rttMs = q.rtcp.rttMs;
  const oneWay = (rttMs ?? 0) / 2 + playoutDelayMs + CODEC_DELAY_MS;
  return {
    codec: q.codec,
    srtp: q.srtp,
    packetsSent: q.packetsSent,
    packetsReceived: q.packetsReceived,
    lossPercent,
    remoteLossPercent: q.rtcp.remoteFractionLost === undefined ? undefined : 100 * q.rtcp.remoteFractionLost,
    jitterMs,
    rttMs,
    playoutDelayMs,
    concealedFrames: (q.jitter?.lost ?? 0) + (q.jitter?.underruns ?? 0),
    srtpFailures: q.srtpFailures,
    mos: q.codec && q.packetsReceived > 0 ? estimateMos(q.codec, oneWay, lossPercent) : undefined,
  };
}
