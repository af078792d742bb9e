import type { SipRequest, SipResponse } from '../message';
import { ackForNon2xx } from './ack-for-non-2xx';
import { TransactionTimeoutError, type TransactionTransportError } from './errors';
import { Transaction, type TransactionContext } from './transaction';
import type { InviteClientState } from './transaction-state';
import type { Destination } from './transaction-transport-delegate';
import type { ClientTransactionUser } from './transaction-user-delegate';

/** RFC 3261 §17.1.1 with RFC 6026 §7.2: the INVITE client transaction (Figure 5 plus Accepted). */
export class InviteClientTransaction extends Transaction<InviteClientState> {
  private ack: SipRequest | undefined;

  constructor(
    context: TransactionContext,
    readonly request: SipRequest,
    readonly destination: Destination,
    private readonly user: ClientTransactionUser,
  ) {
    super(context, 'calling');
  }

  /** RFC 3261 §17.1.1.2: enter Calling, send the INVITE, start Timers A (unreliable only) and B. */
  start(): void {
    this.send(this.request, this.destination);
    if (!this.timers.reliable) this.scheduleA(this.timers.a);
    this.startTimer('B', this.timers.b, () => this.timerB());
  }

  /** RFC 3261 §17.1.1.2: a response matched to this transaction (§17.1.3). */
  receiveResponse(response: SipResponse): void {
    const status = response.status;
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        if (status < 200) {
          // RFC 3261 §17.1.1.2: a provisional response moves Calling to Proceeding; retransmissions stop.
          this.stopTimer('A');
          this.stopTimer('B');
          this.setState('proceeding');
          this.user.receiveResponse(response);
        } else if (status < 300) {
          // RFC 6026 §7.2: a 2xx goes to the TU and the transaction waits in Accepted for Timer M.
          this.stopTimer('A');
          this.stopTimer('B');
          this.setState('accepted');
          this.startTimer('M', this.timers.m, () => this.terminate());
          this.user.receiveResponse(response);
        } else {
          // RFC 3261 §17.1.1.2: a 300-699 response is ACKed, passed up, and Timer D starts.
          this.stopTimer('A');
          this.stopTimer('B');
          this.setState('completed');
          this.ack = ackForNon2xx(this.request, response);
          this.send(this.ack, this.destination);
          this.startTimer('D', this.timers.d, () => this.terminate());
          this.user.receiveResponse(response);
        }
        return;
      case 'accepted':
        // RFC 6026 §7.2: 2xx retransmissions and 2xx from other forks go to the TU, which ACKs them.
        if (status >= 200 && status < 300) this.user.receiveResponse(response);
        return;
      case 'completed':
        // RFC 3261 §17.1.1.2: a retransmitted final response is ACKed again and not passed up.
        if (status >= 300 && this.ack) this.send(this.ack, this.destination);
        return;
      case 'terminated':
        return;
    }
  }

  private scheduleA(interval: number): void {
    this.startTimer('A', interval, () => {
      // RFC 3261 §17.1.1.2: Timer A retransmits the INVITE; its interval doubles each time, with no cap.
      this.send(this.request, this.destination);
      this.scheduleA(2 * interval);
    });
  }

  private timerB(): void {
    // RFC 3261 §17.1.1.2: Timer B in Calling: inform the TU of the timeout and terminate.
    this.terminate();
    this.user.timeout(new TransactionTimeoutError('B'));
  }

  protected transportFailed(error: TransactionTransportError): void {
    // RFC 3261 §17.1.1.2: a transport error in Calling or Completed terminates and informs the TU;
    // a late failure of an INVITE already answered (Proceeding, Accepted) changes nothing.
    if (this.state !== 'calling' && this.state !== 'completed') return;
    this.terminate();
    this.user.transportError(error);
  }
}
