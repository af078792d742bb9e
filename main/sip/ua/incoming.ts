import type { SipRequest } from '../message';
import type { InviteServerTransaction, ServerTransaction } from '../transaction';
import type { InboundSource } from '../transport';

/** How a request reached the UA. */
export interface IncomingContext {
  /** Where it came from, and the flow to answer on. */
  source: InboundSource;
  /** For a CANCEL: the INVITE transaction it cancels (RFC 3261 §9.2). */
  cancels?: InviteServerTransaction;
}

/** Handles out-of-dialog requests of one method; answer through `tx`. */
export type RequestHandler = (request: SipRequest, tx: ServerTransaction, context: IncomingContext) => void;

/** What a dialog's owner (a call, a subscription) receives (STYLE: upward calls through a delegate). */
export interface DialogDelegate {
  /** An in-dialog request other than ACK; the CSeq was checked already (RFC 3261 §12.2.2). */
  receiveRequest(request: SipRequest, tx: ServerTransaction, context: IncomingContext): void;
  /** The ACK for a 2xx we sent (RFC 3261 §13.3.1.4). */
  receiveAck?(ack: SipRequest): void;
}
