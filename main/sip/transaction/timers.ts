/** RFC 3261 §17.1.1.1: T1, an estimate of the round-trip time (RTT). */
export const T1 = 500;
/** RFC 3261 §17.1.2.2: T2, the maximum retransmit interval for non-INVITE requests and INVITE responses. */
export const T2 = 4_000;
/** RFC 3261 §17.1.2.2: T4, the maximum time a message remains in the network. */
export const T4 = 5_000;

/** RFC 3261 §17.1.1.2: Timer A, INVITE request retransmit interval (unreliable only), initially T1. */
export const TIMER_A = T1;
/** RFC 3261 §17.1.1.2: Timer B, INVITE transaction timeout. */
export const TIMER_B = 64 * T1;
/** RFC 3261 §16.6 step 11: Timer C, proxy INVITE transaction timeout; proxies only, no user agent runs it. */
export const TIMER_C = 3 * 60_000 + 1_000;
/** RFC 3261 §17.1.1.2: Timer D, wait time for response retransmits (unreliable), at least 32 s. */
export const TIMER_D = 32_000;
/** RFC 3261 §17.1.2.2: Timer E, non-INVITE request retransmit interval (unreliable only), initially T1. */
export const TIMER_E = T1;
/** RFC 3261 §17.1.2.2: Timer F, non-INVITE transaction timeout. */
export const TIMER_F = 64 * T1;
/** RFC 3261 §17.2.1: Timer G, INVITE response retransmit interval (unreliable only), initially T1. */
export const TIMER_G = T1;
/** RFC 3261 §17.2.1: Timer H, wait time for ACK receipt. */
export const TIMER_H = 64 * T1;
/** RFC 3261 §17.2.1: Timer I, wait time for ACK retransmits (unreliable). */
export const TIMER_I = T4;
/** RFC 3261 §17.2.2: Timer J, wait time for non-INVITE request retransmits (unreliable). */
export const TIMER_J = 64 * T1;
/** RFC 3261 §17.1.2.2: Timer K, wait time for response retransmits (unreliable). */
export const TIMER_K = T4;
/** RFC 6026 §7.1: Timer L, wait time for accepted INVITE request retransmits. */
export const TIMER_L = 64 * T1;
/** RFC 6026 §7.2: Timer M, wait time for retransmission of 2xx to INVITE or additional 2xx from other forks. */
export const TIMER_M = 64 * T1;
/** RFC 3261 §17.2.1: a 100 (Trying) goes out unless the TU answers within 200 ms. */
export const TRYING_DELAY = 200;

/** The three base values a layer may tune (RFC 3261 §17: T1 may be larger on high-latency paths). */
export interface TimerSettings {
  t1: number;
  t2: number;
  t4: number;
}

/** Every transaction timer, in milliseconds, for one transaction on one kind of transport. */
export interface TransactionTimers {
  readonly t1: number;
  readonly t2: number;
  readonly t4: number;
  /** Whether the transport is reliable: Timers A, E and G are then not run. */
  readonly reliable: boolean;
  readonly a: number;
  readonly b: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
  readonly g: number;
  readonly h: number;
  readonly i: number;
  readonly j: number;
  readonly k: number;
  readonly l: number;
  readonly m: number;
  readonly trying: number;
}

/** The timers of RFC 3261 Appendix A (and RFC 6026's L and M) for the given settings and transport. */
export function transactionTimers(settings: Partial<TimerSettings>, reliable: boolean): TransactionTimers {
  const t1 = settings.t1 ?? T1;
  const t2 = settings.t2 ?? T2;
  const t4 = settings.t4 ?? T4;
  return {
    t1,
    t2,
    t4,
    reliable,
    a: t1,
    b: 64 * t1,
    // RFC 3261 Appendix A: Timer D is > 32 s for UDP (it must outlast the server's Timer H), 0 s for TCP/SCTP.
    d: reliable ? 0 : Math.max(TIMER_D, 64 * t1),
    e: t1,
    f: 64 * t1,
    g: t1,
    h: 64 * t1,
    // RFC 3261 Appendix A: Timers I, J and K are zero on reliable transports.
    i: reliable ? 0 : t4,
    j: reliable ? 0 : 64 * t1,
    k: reliable ? 0 : t4,
    l: 64 * t1,
    m: 64 * t1,
    trying: TRYING_DELAY,
  };
}
