import type { Clock, TimerHandle } from '../../lib/clock';
import { FlowFailedError } from './errors';

/** RFC 5626 §4.4.1: default keep-alive upper bound for connection-oriented transports. */
export const STREAM_KEEP_ALIVE_SECONDS = 120;
/** RFC 5626 §4.4.1: default keep-alive upper bound for UDP (STUN keep-alives, main/nat). */
export const UDP_KEEP_ALIVE_SECONDS = 95;
/** RFC 5626 §4.4.1: a flow without a pong within 10 s of a ping has failed. */
export const PONG_TIMEOUT_MS = 10_000;
/** RFC 5626 §3.5.1: the double-CRLF ping and single-CRLF pong. */
export const CRLF_PING = '\r\n\r\n';
export const CRLF_PONG = '\r\n';

/**
 * RFC 5626 §4.4.1: the next keep-alive falls at a random time between 80% and 100% of the
 * Flow-Timer value the registrar gave, or of the default upper bound when it gave none.
 */
export function keepAliveDelayMs(reliable: boolean, flowTimerSeconds?: number, random: () => number = Math.random): number {
  const upper = flowTimerSeconds ?? (reliable ? STREAM_KEEP_ALIVE_SECONDS : UDP_KEEP_ALIVE_SECONDS);
  return Math.round(upper * 1000 * (0.8 + 0.2 * random()));
}

export interface CrlfKeepAliveOptions {
  clock: Clock;
  /** Writes the double-CRLF ping on the flow. */
  sendPing: () => Promise<void>;
  /** Called once when the flow fails (no pong, or the ping could not be written). */
  onFailed: (error: FlowFailedError) => void;
  /** The Flow-Timer value from the registrar's 2xx (RFC 5626 §4.4.1), in seconds. */
  flowTimerSeconds?: number;
  pongTimeoutMs?: number;
  /** Injected for tests; a number in [0, 1). */
  random?: () => number;
}

/** RFC 5626 §4.4.1: CRLF keep-alives on one TCP/TLS flow, with a pong deadline per ping. */
export class CrlfKeepAlive {
  private nextPing: TimerHandle | undefined;
  private pongDeadline: TimerHandle | undefined;
  private running = false;
  private pings = 0;

  constructor(private readonly options: CrlfKeepAliveOptions) {}

  get pingsSent(): number {
    return this.pings;
  }

  get awaitingPong(): boolean {
    return this.pongDeadline !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** A single CRLF arrived on the flow. */
  pong(): void {
    if (!this.pongDeadline) return;
    this.options.clock.clearTimeout(this.pongDeadline);
    this.pongDeadline = undefined;
  }

  stop(): void {
    this.running = false;
    this.options.clock.clearTimeout(this.nextPing);
    this.options.clock.clearTimeout(this.pongDeadline);
    this.nextPing = this.pongDeadline = undefined;
  }

  private schedule(): void {
    const delay = keepAliveDelayMs(true, this.options.flowTimerSeconds, this.options.random);
    this.nextPing = this.options.clock.setTimeout(() => this.ping(), delay);
  }

  private ping(): void {
    this.nextPing = undefined;
    if (!this.running) return;
    this.pings++;
    const timeout = this.options.pongTimeoutMs ?? PONG_TIMEOUT_MS;
    // RFC 5626 §4.4.1: no pong within 10 seconds means the flow has failed.
    this.pongDeadline ??= this.options.clock.setTimeout(() => this.fail(`no pong within ${timeout} ms`), timeout);
    this.options.sendPing().catch((err: unknown) => this.fail(`the ping could not be sent: ${err instanceof Error ? err.message : String(err)}`));
    this.schedule();
  }

  private fail(why: string): void {
    if (!this.running) return;
    this.stop();
    this.options.onFailed(new FlowFailedError(`Keep-alive failed: ${why}`));
  }
}
