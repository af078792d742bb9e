/**
 * Adaptive playout buffer for RTP audio (RFC 3550 §A.8 jitter, RFC 3551 §4.1 talk spurts,
 * RFC 7587 §3.3 FEC): reorders, discards duplicates and late packets, conceals losses through
 * the codec and adapts its delay to the measured jitter and clock drift, on an injected Clock.
 */
export { JitterConfigError } from './errors';
export { JitterBuffer, type JitterFrame, type JitterPacket } from './jitter-buffer';
export type { JitterBufferOptions, JitterDecoder } from './jitter-options';
export type { JitterStats } from './jitter-stats';
