import type { SipRequest, SipResponse } from '../message';
import { TransactionTimeoutError, type TransactionTransportError } from './errors';
import { ServerTransaction, type ServerTransactionUser } from './server-transaction';
import type { TransactionContext } from './transaction';
import type { InviteServerState } from './transaction-state';
import type { Destination } from './transaction-transport-delegate';
import { tryingFor } from './trying-response';

/** Options of one INVITE server transaction. */
export interface InviteServerOptions {
  /**
   * RFC 6026 §7.1 leaves 2xx retransmission to the TU (RFC 3261 §13.3.1.4). When true, the
   * transaction does it for the TU while Accepted: every T1 doubling to T2, until the ACK
   * arrives or Timer L fires (then `serverTimeout` with Timer L: the TU should end the session).
   */
  retransmit2xx: boolean;
}

/** RFC 3261 §17.2.1 with RFC 6026 §7.1: the INVITE server transaction (Figure 7 plus Accepted). */
export class InviteServerTransaction extends ServerTransaction<InviteServerState> {
  /** RFC 3261 §13.3.1.4: the 2xx is being retransmitted and no ACK has come yet. */
  private awaitingAck = false;

  constructor(
    context: TransactionContext,
    request: SipRequest,
    source: Destination,
    user: ServerTransactionUser,
    private readonly options: InviteServerOptions = { retransmit2xx: true },
  ) {
    super(context, 'proceeding', request, source, user);
  }

  /** The 2xx this transaction sent, if any: the ACK for it is matched on its To tag. */
  get acceptedResponse(): SipResponse | undefined {
    return this.state === 'accepted' ? this.last : undefined;
  }

  /** RFC 3261 §17.2.1: a 100 (Trying) goes out unless the TU responds within 200 ms. */
  start(): void {
    this.startTimer('Trying', this.timers.trying, () => {
      if (this.state === 'proceeding') this.sendResponse(tryingFor(this.request));
    });
  }

  respond(response: SipResponse): boolean {
    const status = response.status;
    if (this.state === 'accepted') {
      // RFC 6026 §7.1: in Accepted, 2xx from the TU (retransmissions, or its own) are sent.
      if (status < 200 || status >= 300) return false;
      this.sendResponse(response);
      return true;
    }
    if (this.state !== 'proceeding') return false;
    this.stopTimer('Trying');
    if (status < 200) {
      // RFC 3261 §17.2.1: provisional responses are sent as they come, and not retransmitted.
      this.sendResponse(response);
    } else if (status < 300) {
      // RFC 6026 §7.1: a 2xx moves to Accepted, which absorbs INVITE retransmissions until Timer L.
      this.setState('accepted');
      this.startTimer('L', this.timers.l, () => this.timerL());
      this.sendResponse(response);
      if (this.options.retransmit2xx) {
        this.awaitingAck = true;
        this.schedule2xx(this.timers.t1);
      }
    } else {
      // RFC 3261 §17.2.1: a 300-699 moves to Completed; Timer G (unreliable only) and Timer H start.
      this.setState('completed');
      this.sendResponse(response);
      if (!this.timers.reliable) this.scheduleG(this.timers.g);
      this.startTimer('H', this.timers.h, () => this.timerH());
    }
    return true;
  }

  receiveRequest(request: SipRequest): void {
    if (request.method === 'ACK') {
      this.receiveAck(request);
      return;
    }
    switch (this.state) {
      case 'proceeding':
        // RFC 3261 §17.2.1: a retransmitted INVITE gets the most recent provisional response again.
        if (this.last) this.send(this.last, this.source);
        return;
      case 'completed':
        // RFC 3261 §17.2.1: a retransmitted INVITE gets the final response again.
        if (this.last) this.send(this.last, this.source);
        return;
      default:
        // RFC 6026 §7.1 (Accepted) and RFC 3261 §17.2.1 (Confirmed): retransmissions are absorbed.
        return;
    }
  }

  private receiveAck(ack: SipRequest): void {
    if (this.state === 'completed') {
      // RFC 3261 §17.2.1: the ACK moves Completed to Confirmed; Timer I absorbs ACK retransmissions.
      this.stopTimer('G');
      this.stopTimer('H');
      this.setState('confirmed');
      this.startTimer('I', this.timers.i, () => this.terminate());
    } else if (this.state === 'accepted') {
      // RFC 6026 §7.1: an ACK seen in Accepted is passed to the TU; RFC 3261 §13.3.1.4: it ends 2xx retransmission.
      this.awaitingAck = false;
      this.stopTimer('2xx');
      this.user.receiveAck(ack, this.source);
    }
  }

  private scheduleG(interval: number): void {
    this.startTimer('G', interval, () => {
      // RFC 3261 §17.2.1: Timer G retransmits the final response; the interval doubles up to T2.
      if (this.last) this.send(this.last, this.source);
      this.scheduleG(Math.min(2 * interval, this.timers.t2));
    });
  }

  private schedule2xx(interval: number): void {
    this.startTimer('2xx', interval, () => {
      // RFC 3261 §13.3.1.4: the 2xx is retransmitted at T1 doubling up to T2 until the ACK arrives.
      if (this.last) this.send(this.last, this.source);
      this.schedule2xx(Math.min(2 * interval, this.timers.t2));
    });
  }

  private timerH(): void {
    // RFC 3261 §17.2.1: Timer H without an ACK: terminate and indicate a transaction failure to the TU.
    this.terminate();
    this.user.serverTimeout(this, new TransactionTimeoutError('H'));
  }

  private timerL(): void {
    const unacked = this.awaitingAck;
    this.terminate();
    // RFC 3261 §13.3.1.4: no ACK after 64*T1 of 2xx retransmissions: the TU should end the session.
    if (unacked) this.user.serverTimeout(this, new TransactionTimeoutError('L'));
  }

  protected transportFailed(error: TransactionTransportError): void {
    if (this.state === 'confirmed') return;
    // RFC 6026 §7.1: in Accepted a transport error is reported and the state stays; RFC 3261 §17.2.1: elsewhere it terminates.
    if (this.state !== 'accepted') this.terminate();
    else {
      this.awaitingAck = false;
      this.stopTimer('2xx');
    }
    this.user.serverTransportError(this, error);
  }
}
