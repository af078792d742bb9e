/** RFC 8489 §6.2.1: initial RTO for UDP, in ms (SHOULD be greater than 500 ms on fixed lines; 500 is the RFC's value). */
export const RTO_INITIAL = 500;

/** RFC 8489 §6.2.1: Rc, the number of requests sent before giving up. */
export const RC = 7;

/** RFC 8489 §6.2.1: Rm, the final wait as a multiple of the initial RTO. */
export const RM = 16;

export interface RetransmissionOptions {
  rto?: number;
  rc?: number;
  rm?: number;
}

/**
 * RFC 8489 §6.2.1: send times of each request and the moment the transaction times out,
 * relative to the first send (defaults: 0, 500, 1500, …, 31500; timeout at 39500 ms).
 */
export function retransmissionSchedule(options: RetransmissionOptions = {}): { sends: number[]; timeout: number } {
  const rto = options.rto ?? RTO_INITIAL;
  const rc = options.rc ?? RC;
  const rm = options.rm ?? RM;
  const sends: number[] = [];
  let at = 0;
  let interval = rto;
  for (let i = 0; i < rc; i++) {
    sends.push(at);
    at += interval;
    interval *= 2;
  }
  return { sends, timeout: (sends[sends.length - 1] ?? 0) + rm * rto };
}
