import type { Clock, TimerHandle } from '../../lib/clock';
import { TransactionTransportError } from './errors';
import type { TransactionState } from './transaction-state';
import type { TimerSettings, TransactionTimers } from './timers';
import { transactionTimers } from './timers';
import type { Destination, OutgoingMessage, TransactionTransport } from './transaction-transport-delegate';

/** RFC 3261 §17 and RFC 6026 timer names, the 200 ms 100 (Trying) delay of §17.2.1, the 2xx retransmit of §13.3.1.4. */
export type TimerName = 'A' | 'B' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'Trying' | '2xx';

/** What every transaction is built from. */
export interface TransactionContext {
  clock: Clock;
  transport: TransactionTransport;
  /** T1, T2, T4 of the layer; the rest of the timers follow from them and the transport. */
  timerSettings?: Partial<TimerSettings>;
}

/**
 * What the four state machines share: named timers on the injected clock, sending through
 * the transport with its failures turned into a TransactionTransportError, and termination.
 */
export abstract class Transaction<S extends TransactionState = TransactionState> {
  /** RFC 3261 §17: each transaction's timers follow the reliability of its transport. */
  readonly timers: TransactionTimers;
  protected readonly clock: Clock;
  protected readonly transport: TransactionTransport;
  private current: S;
  private readonly running = new Map<TimerName, TimerHandle>();
  private readonly terminatedListeners: (() => void)[] = [];

  protected constructor(context: TransactionContext, initial: S) {
    this.clock = context.clock;
    this.transport = context.transport;
    this.timers = transactionTimers(context.timerSettings ?? {}, context.transport.reliable);
    this.current = initial;
  }

  get state(): S {
    return this.current;
  }

  /** Runs `listener` once, when the transaction reaches the Terminated state. */
  onTerminated(listener: () => void): void {
    if (this.current === 'terminated') listener();
    else this.terminatedListeners.push(listener);
  }

  /** Stops every timer and drops the transaction without informing the TU (e.g. on shutdown). */
  dispose(): void {
    this.terminate();
  }

  protected setState(next: S): void {
    this.current = next;
  }

  protected startTimer(name: TimerName, ms: number, fire: () => void): void {
    this.stopTimer(name);
    this.running.set(
      name,
      this.clock.setTimeout(() => {
        this.running.delete(name);
        fire();
      }, ms),
    );
  }

  protected stopTimer(name: TimerName): void {
    this.clock.clearTimeout(this.running.get(name));
    this.running.delete(name);
  }

  /** Whether `name` is running (for tests and diagnostics). */
  isTimerRunning(name: TimerName): boolean {
    return this.running.has(name);
  }

  /** Hands `message` to the transport; a rejection reaches `transportFailed` unless terminated by then. */
  protected send(message: OutgoingMessage, destination: Destination): void {
    let sent: Promise<void>;
    try {
      sent = this.transport.send(message, destination);
    } catch (err) {
      sent = Promise.reject(err);
    }
    sent.catch((err: unknown) => {
      if (this.current !== 'terminated') this.transportFailed(new TransactionTransportError(err));
    });
  }

  /** RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2: a transport error is reported to the TU. */
  protected abstract transportFailed(error: TransactionTransportError): void;

  protected terminate(): void {
    if (this.current === 'terminated') return;
    for (const handle of this.running.values()) this.clock.clearTimeout(handle);
    this.running.clear();
    this.current = 'terminated' as S;
    for (const listener of this.terminatedListeners.splice(0)) listener();
  }
}
