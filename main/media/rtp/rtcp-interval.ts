/** RFC 3550 §6.2: minimum interval between RTCP packets, seconds. */
export const RTCP_MIN_TIME = 5;
/** RFC 3550 §6.2: senders get a quarter of the RTCP bandwidth when they are few. */
export const RTCP_SENDER_BW_FRACTION = 0.25;
export const RTCP_RCVR_BW_FRACTION = 0.75;
/** RFC 3550 §6.3.1, §A.7: e - 3/2, compensating for timer reconsideration. */
export const COMPENSATION = Math.E - 1.5;

export interface RtcpIntervalInput {
  /** Members of the session, ourselves included. */
  members: number;
  senders: number;
  /** RTCP bandwidth in octets per second (RFC 3550 §6.2: usually 5% of the session bandwidth). */
  rtcpBandwidth: number;
  /** Whether we sent RTP since the second-to-last report. */
  weSent: boolean;
  /** Average compound RTCP packet size in octets, lower-layer headers included (§6.3.3). */
  avgRtcpSize: number;
  /** Before the first RTCP packet: half the minimum (§6.2). */
  initial: boolean;
  /** Overrides RTCP_MIN_TIME (§6.2 allows 360 / session kbit/s); seconds. */
  minTime?: number;
}

/**
 * RFC 3550 §6.3.1 and §A.7 rtcp_interval(): the deterministic interval with the 5 s minimum,
 * randomised by a factor in [0.5, 1.5) and divided by e - 3/2. Returns seconds.
 */
export function rtcpInterval(input: RtcpIntervalInput, random: () => number = Math.random): number {
  const minTime = input.initial ? (input.minTime ?? RTCP_MIN_TIME) / 2 : (input.minTime ?? RTCP_MIN_TIME);
  let n = input.members;
  let bandwidth = input.rtcpBandwidth;
  if (input.senders <= input.members * RTCP_SENDER_BW_FRACTION) {
    if (input.weSent) {
      bandwidth *= RTCP_SENDER_BW_FRACTION;
      n = input.senders;
    } else {
      bandwidth *= RTCP_RCVR_BW_FRACTION;
      n -= input.senders;
    }
  }
  let t = bandwidth > 0 ? (input.avgRtcpSize * n) / bandwidth : minTime;
  if (t < minTime) t = minTime;
  t *= random() + 0.5;
  return t / COMPENSATION;
}

/** RFC 3550 §6.3.3: avg_rtcp_size = 1/16 * packet_size + 15/16 * avg_rtcp_size. */
export function updateAvgRtcpSize(avg: number, packetSize: number): number {
  return packetSize / 16 + (avg * 15) / 16;
}
