import type { SipRequest, SipResponse } from '../message';
import type { TransactionTimeoutError, TransactionTransportError } from './errors';
import type { ServerTransaction } from './server-transaction';
import type { Destination } from './transaction-transport-delegate';

/** How a request reached the layer. */
export interface IncomingRequestContext {
  /** Where the request came from; responses go back there (RFC 3261 §18.2.2). */
  source: Destination;
  /**
   * RFC 3261 §9.2: for a CANCEL, the server transaction it cancels, if one matched. For an
   * INVITE still in Proceeding the UAS answers 487 there; for anything else the CANCEL has no
   * effect but still gets 200. No match: 481.
   */
  cancels?: ServerTransaction;
}

/**
 * The transaction user (RFC 3261 §17: the UA core above the layer) as the layer sees it.
 * Retransmissions never reach it; the layer absorbs them.
 */
export interface TransactionUser {
  /** RFC 3261 §17.2.3: a new request; answer it through `transaction`. */
  receiveRequest(request: SipRequest, transaction: ServerTransaction, context: IncomingRequestContext): void;
  /**
   * An ACK that is not part of an INVITE transaction: the ACK for a 2xx (RFC 3261 §17.2.3,
   * §13.3.1.4; RFC 6026 §7.1). Also given when an accepted INVITE server transaction saw it.
   */
  receiveAck(ack: SipRequest, source: Destination): void;
  /** RFC 3261 §17.2.1: Timer H fired without an ACK; RFC 3261 §13.3.1.4: no ACK for a 2xx within 64*T1. */
  serverTimeout(transaction: ServerTransaction, error: TransactionTimeoutError): void;
  /** RFC 3261 §17.2.4: a response of the server transaction could not be sent. */
  serverTransportError(transaction: ServerTransaction, error: TransactionTransportError): void;
}

/** The TU of one client transaction (RFC 3261 §17.1). */
export interface ClientTransactionUser {
  /**
   * Every provisional response, and the final one; retransmitted non-2xx finals are absorbed.
   * RFC 6026 §7.2: every 2xx to an INVITE, retransmissions and other forks' 2xx included,
   * goes up while the transaction is Accepted, and the TU ACKs each (RFC 3261 §13.2.2.4).
   */
  receiveResponse(response: SipResponse): void;
  /** RFC 3261 §17.1.1.2 Timer B, §17.1.2.2 Timer F; RFC 3261 §8.1.3.1: treat as 408. */
  timeout(error: TransactionTimeoutError): void;
  /** RFC 3261 §17.1.1.2, §17.1.2.2; RFC 3261 §8.1.3.1: treat as 503. */
  transportError(error: TransactionTransportError): void;
}
