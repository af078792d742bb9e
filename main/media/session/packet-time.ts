import type { CodecName } from '../../sdp';

/** The longest packet we send: RFC 7587 §4.2 allows Opus packets up to 120 ms; G.711 at 120 ms is 960 bytes, below any MTU. */
export const MAX_PACKET_MS = 120;
/** Packets are whole multiples of this: half of our 20 ms audio frame. */
export const PACKET_STEP_MS = 10;
/** RFC 6716 §2.1.4: the Opus frame durations we encode as one packet (one frame each). */
const OPUS_PACKET_MS = [10, 20, 40, 60] as const;

/**
 * How many milliseconds of audio we put in each packet we send, from the peer's SDP:
 * a=ptime is how it wants to receive (RFC 4566 §6, RFC 3264 §6.1), a=maxptime the most it
 * takes. Both are hints we follow as closely as our framing allows: G.711 and G.722 in
 * 10 ms steps, Opus as one frame of 10, 20, 40 or 60 ms (RFC 7587 §4.2, §7.1).
 */
export function sendPacketMs(codec: CodecName, ptime: number | undefined, maxptime: number | undefined): number {
  const cap = Math.min(MAX_PACKET_MS, maxptime !== undefined && maxptime >= PACKET_STEP_MS ? maxptime : MAX_PACKET_MS);
  const wanted = Math.min(cap, ptime !== undefined && Number.isFinite(ptime) && ptime > 0 ? ptime : 20);
  if (codec === 'opus') return [...OPUS_PACKET_MS].reverse().find((ms) => ms <= wanted) ?? OPUS_PACKET_MS[0];
  return Math.max(PACKET_STEP_MS, Math.floor(wanted / PACKET_STEP_MS) * PACKET_STEP_MS);
}
