import type { SipRequest, SipResponse } from '../message';
import { TransactionTimeoutError, type TransactionTransportError } from './errors';
import { Transaction, type TransactionContext } from './transaction';
import type { NonInviteClientState } from './transaction-state';
import type { Destination } from './transaction-transport-delegate';
import type { ClientTransactionUser } from './transaction-user-delegate';

/** RFC 3261 §17.1.2: the non-INVITE client transaction (Figure 6). */
export class NonInviteClientTransaction extends Transaction<NonInviteClientState> {
  constructor(
    context: TransactionContext,
    readonly request: SipRequest,
    readonly destination: Destination,
    private readonly user: ClientTransactionUser,
  ) {
    super(context, 'trying');
  }

  /** RFC 3261 §17.1.2.2: enter Trying, send the request, start Timers E (unreliable only) and F. */
  start(): void {
    this.send(this.request, this.destination);
    if (!this.timers.reliable) this.scheduleE(this.timers.e);
    this.startTimer('F', this.timers.f, () => this.timerF());
  }

  /** RFC 3261 §17.1.2.2: a response matched to this transaction (§17.1.3). */
  receiveResponse(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return; // §17.1.2.2: absorbed in Completed
    if (response.status < 200) {
      // RFC 3261 §17.1.2.2: a provisional response moves Trying to Proceeding and goes up.
      if (this.state === 'trying') this.setState('proceeding');
      this.user.receiveResponse(response);
      return;
    }
    // RFC 3261 §17.1.2.2: a final response goes up; Timer K absorbs its retransmissions.
    this.stopTimer('E');
    this.stopTimer('F');
    this.setState('completed');
    this.startTimer('K', this.timers.k, () => this.terminate());
    this.user.receiveResponse(response);
  }

  private scheduleE(interval: number): void {
    this.startTimer('E', interval, () => {
      // RFC 3261 §17.1.2.2: retransmit; in Trying the interval doubles up to T2, in Proceeding it is T2.
      this.send(this.request, this.destination);
      this.scheduleE(this.state === 'trying' ? Math.min(2 * interval, this.timers.t2) : this.timers.t2);
    });
  }

  private timerF(): void {
    // RFC 3261 §17.1.2.2: Timer F in Trying or Proceeding: inform the TU of the timeout and terminate.
    this.terminate();
    this.user.timeout(new TransactionTimeoutError('F'));
  }

  protected transportFailed(error: TransactionTransportError): void {
    // RFC 3261 §17.1.2.2: a transport error in Trying or Proceeding terminates and informs the TU.
    if (this.state === 'completed') return;
    this.terminate();
    this.user.transportError(error);
  }
}
