import type { Clock } from '../../lib/clock';
import { CRLF_PING, CrlfKeepAlive } from './crlf-keep-alive';
import { TransportError, reason } from './errors';
import type { StreamConnection } from './stream-connection';

export interface KeepAliveOptions {
  /** Flow-Timer from the registrar's 2xx, in seconds (RFC 5626 §4.4.1). */
  flowTimerSeconds?: number;
  random?: () => number;
}

/** A running keep-alive; stop() ends it (e.g. on unregister). */
export interface KeepAliveHandle {
  stop(): void;
  /** A ping went out and its pong has not come back yet. */
  readonly awaitingPong: boolean;
  readonly pingsSent: number;
}

/** RFC 5626 §4.4.1: the CRLF keep-alives of every TCP/TLS flow that has them. */
export class FlowKeepAlives {
  private readonly running = new Map<number, CrlfKeepAlive>();

  constructor(
    private readonly clock: Clock,
    /** A flow failed: no pong in time, or it closed while kept alive. */
    private readonly onFailed: (connection: StreamConnection, error: TransportError) => void,
  ) {}

  start(connection: StreamConnection, options: KeepAliveOptions): KeepAliveHandle {
    this.running.get(connection.id)?.stop();
    const keepAlive = new CrlfKeepAlive({
      clock: this.clock,
      ...options,
      sendPing: () => connection.send(CRLF_PING),
      onFailed: (error) => {
        this.running.delete(connection.id);
        void connection.close(error);
        this.onFailed(connection, error);
      },
    });
    this.running.set(connection.id, keepAlive);
    keepAlive.start();
    const running = this.running;
    return {
      stop() {
        keepAlive.stop();
        if (running.get(connection.id) === keepAlive) running.delete(connection.id);
      },
      get awaitingPong() {
        return keepAlive.awaitingPong;
      },
      get pingsSent() {
        return keepAlive.pingsSent;
      },
    };
  }

  pong(connection: StreamConnection): void {
    this.running.get(connection.id)?.pong();
  }

  has(connection: StreamConnection): boolean {
    return this.running.has(connection.id);
  }

  awaitingPong(connection: StreamConnection): boolean {
    return this.running.get(connection.id)?.awaitingPong ?? false;
  }

  /** RFC 5626 §4.4: a kept-alive flow that closes has failed; the UA re-registers on another. */
  connectionClosed(connection: StreamConnection, error: Error | undefined, report: boolean): void {
    const keepAlive = this.running.get(connection.id);
    if (!keepAlive) return;
    keepAlive.stop();
    this.running.delete(connection.id);
    if (report) this.onFailed(connection, new TransportError('flow-closed', `The flow ${connection.describe()} closed${error ? `: ${reason(error)}` : ''}`));
  }

  stopAll(): void {
    for (const keepAlive of this.running.values()) keepAlive.stop();
    this.running.clear();
  }
}
