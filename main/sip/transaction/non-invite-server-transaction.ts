import type { SipRequest, SipResponse } from '../message';
import type { TransactionTransportError } from './errors';
import { ServerTransaction, type ServerTransactionUser } from './server-transaction';
import type { TransactionContext } from './transaction';
import type { NonInviteServerState } from './transaction-state';
import type { Destination } from './transaction-transport-delegate';

/** RFC 3261 §17.2.2: the non-INVITE server transaction (Figure 8). */
export class NonInviteServerTransaction extends ServerTransaction<NonInviteServerState> {
  constructor(context: TransactionContext, request: SipRequest, source: Destination, user: ServerTransactionUser) {
    super(context, 'trying', request, source, user);
  }

  respond(response: SipResponse): boolean {
    if (this.state === 'completed' || this.state === 'terminated') return false; // §17.2.2: later TU responses are discarded
    if (response.status < 200) {
      // RFC 3261 §17.2.2: a provisional response from the TU moves Trying to Proceeding.
      this.setState('proceeding');
      this.sendResponse(response);
      return true;
    }
    // RFC 3261 §17.2.2: a final response moves to Completed; Timer J absorbs request retransmissions.
    this.setState('completed');
    this.startTimer('J', this.timers.j, () => this.terminate());
    this.sendResponse(response);
    return true;
  }

  receiveRequest(_request: SipRequest): void {
    // RFC 3261 §17.2.2: a retransmission gets the last response again (Trying has none: it is discarded).
    if (this.last) this.send(this.last, this.source);
  }

  protected transportFailed(error: TransactionTransportError): void {
    // RFC 3261 §17.2.2: a transport error in Proceeding or Completed terminates and informs the TU.
    this.terminate();
    this.user.serverTransportError(this, error);
  }
}
