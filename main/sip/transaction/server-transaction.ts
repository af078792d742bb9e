import type { SipRequest, SipResponse } from '../message';
import { Transaction, type TransactionContext } from './transaction';
import type { InviteServerState, NonInviteServerState } from './transaction-state';
import type { Destination } from './transaction-transport-delegate';
import type { TransactionUser } from './transaction-user-delegate';

/** The part of the TU a server transaction reports to. */
export type ServerTransactionUser = Pick<TransactionUser, 'receiveAck' | 'serverTimeout' | 'serverTransportError'>;

/** RFC 3261 §17.2: what both server transactions offer the TU and the layer. */
export abstract class ServerTransaction<
  S extends InviteServerState | NonInviteServerState = InviteServerState | NonInviteServerState,
> extends Transaction<S> {
  protected last: SipResponse | undefined;

  protected constructor(
    context: TransactionContext,
    initial: S,
    /** The request that created the transaction. */
    readonly request: SipRequest,
    /** Where it came from; every response goes back there (RFC 3261 §18.2.2). */
    readonly source: Destination,
    protected readonly user: ServerTransactionUser,
  ) {
    super(context, initial);
  }

  /** The most recent response sent, which retransmitted requests get again. */
  get lastResponse(): SipResponse | undefined {
    return this.last;
  }

  /**
   * Sends a response from the TU. Returns false, sending nothing, when the state allows no
   * such response (e.g. a second final response).
   */
  abstract respond(response: SipResponse): boolean;

  /** A request the layer matched to this transaction (RFC 3261 §17.2.3): a retransmission or an ACK. */
  abstract receiveRequest(request: SipRequest): void;

  protected sendResponse(response: SipResponse): void {
    this.last = response;
    this.send(response, this.source);
  }
}
