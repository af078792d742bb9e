/** Timers whose expiry fails a transaction; L: no ACK for a 2xx the layer retransmitted (RFC 3261 §13.3.1.4). */
export type TimeoutTimer = 'B' | 'F' | 'H' | 'L';

/**
 * A transaction timed out (Timer B or F on the client side, Timer H on the server side).
 * RFC 3261 §8.1.3.1: the TU treats a transaction timeout as a 408 (Request Timeout).
 */
export class TransactionTimeoutError extends Error {
  readonly status = 408;

  constructor(readonly timer: TimeoutTimer) {
    super(`Transaction timed out (Timer ${timer})`);
    this.name = 'TransactionTimeoutError';
  }
}

/**
 * The transport could not deliver a message of the transaction.
 * RFC 3261 §8.1.3.1: the TU treats a fatal transport error as a 503 (Service Unavailable).
 */
export class TransactionTransportError extends Error {
  readonly status = 503;

  constructor(override readonly cause: unknown) {
    super(`Transport error: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'TransactionTransportError';
  }
}

export type TransactionError = TransactionTimeoutError | TransactionTransportError;
