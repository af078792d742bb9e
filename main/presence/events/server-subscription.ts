import type { Clock, TimerHandle } from '../../lib/clock';
import type { Dialog } from '../../sip/dialog';
import type { NameAddr, SipRequest } from '../../sip/message';
import type { ServerTransaction } from '../../sip/transaction';
import type { IncomingContext, UserAgent } from '../../sip/ua';
import type { NotifierPackage } from './notifier-package';
import { formatSubscriptionState, type SubscriptionStatus, type TerminationReason } from './subscription-state';

/**
 * The notifier side of one subscription (RFC 6665 §4.2): its dialog, state and expiry timer.
 * Sends a NOTIFY for every state change and ends with a `terminated` one.
 */
export class ServerSubscription {
  private status: SubscriptionStatus;
  private expiresAt = 0;
  private expiryTimer: TimerHandle | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
    readonly pkg: NotifierPackage,
    readonly dialog: Dialog,
    /** The subscriber's address (From of the SUBSCRIBE). */
    readonly subscriber: NameAddr,
    /** The Event header's id parameter (RFC 6665 §8.2.1), echoed in every NOTIFY. */
    readonly eventId: string | undefined,
    private readonly contact: string,
    state: 'active' | 'pending',
    private readonly onEnd: (s: ServerSubscription) => void,
  ) {
    this.status = state;
  }

  get state(): SubscriptionStatus {
    return this.status;
  }

  /** Seconds until it expires. */
  get remaining(): number {
    return Math.max(0, Math.round((this.expiresAt - this.clock.now()) / 1000));
  }

  /** (Re)starts the expiry timer (RFC 6665 §4.2.1.1, §4.2.2 refresh). */
  setExpires(seconds: number): void {
    this.expiresAt = this.clock.now() + seconds * 1000;
    this.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = this.clock.setTimeout(() => void this.terminate('timeout'), seconds * 1000);
  }

  /** Moves to `state` (pending → active on authorization) and sends a NOTIFY. */
  setState(state: 'active' | 'pending'): Promise<void> {
    if (this.status === 'terminated') return Promise.resolve();
    this.status = state;
    return this.notify();
  }

  /** RFC 6665 §4.2.2: a NOTIFY with the current state and the package's body. */
  notify(): Promise<void> {
    if (this.status === 'terminated') return Promise.resolve();
    return this.send({ state: this.status, expires: this.remaining });
  }

  /** Ends the subscription with a final NOTIFY (RFC 6665 §4.2.2). */
  terminate(reason: TerminationReason, retryAfter?: number): Promise<void> {
    if (this.status === 'terminated') return this.sending;
    this.status = 'terminated';
    this.clock.clearTimeout(this.expiryTimer);
    const done = this.send({ state: 'terminated', reason, ...(retryAfter !== undefined ? { retryAfter } : {}) });
    this.end();
    return done;
  }

  /** An in-dialog SUBSCRIBE: refresh, or unsubscribe with Expires: 0 (RFC 6665 §4.2.1.2, §4.2.1.4). */
  receiveRequest(request: SipRequest, tx: ServerTransaction, _context: IncomingContext): void {
    if (request.method !== 'SUBSCRIBE') {
      this.ua.respond(tx, 405, { headers: [['Allow', 'SUBSCRIBE']] });
      return;
    }
    if (request.event?.value.toLowerCase() !== this.pkg.event) {
      this.ua.respond(tx, 489, { reason: 'Bad Event', headers: [['Allow-Events', this.pkg.event]] });
      return;
    }
    const asked = request.expires ?? this.pkg.defaultExpires;
    if (asked > 0 && asked < this.pkg.minExpires) {
      // RFC 6665 §4.2.1.1: too short an interval gets 423 with Min-Expires.
      this.ua.respond(tx, 423, { headers: [['Min-Expires', String(this.pkg.minExpires)]] });
      return;
    }
    const granted = Math.min(asked, this.pkg.maxExpires);
    this.ua.respond(tx, 200, { contact: true, headers: [['Expires', String(granted)]] });
    if (granted === 0) {
      // RFC 6665 §4.2.1.4: unsubscribing still gets a NOTIFY, with the state as it is.
      void this.terminate('timeout');
      return;
    }
    this.setExpires(granted);
    // RFC 6665 §4.2.1.2: a refresh is answered with a NOTIFY too.
    void this.notify();
  }

  private send(state: Parameters<typeof formatSubscriptionState>[0]): Promise<void> {
    const body = state.state === 'pending' ? undefined : this.pkg.body(this);
    const event = this.eventId ? `${this.pkg.event};id=${this.eventId}` : this.pkg.event;
    let request: SipRequest;
    try {
      request = this.dialog.createRequest('NOTIFY', {
        headers: [
          ['Event', event],
          ['Subscription-State', formatSubscriptionState(state)],
          ['User-Agent', this.ua.product],
        ],
        contact: this.contact,
        ...(body ? { body } : {}),
      });
    } catch {
      return Promise.resolve();
    }
    // NOTIFYs of one dialog go out in order (RFC 6665 §4.2.2 CSeq order).
    this.sending = this.sending.then(async () => {
      const { response } = await this.ua.send(request).catch(() => ({ response: { status: 408 } }));
      // RFC 6665 §4.2.2: a failed NOTIFY (481, timeout, other error without Retry-After) ends the subscription.
      if (response.status >= 300 && this.status !== 'terminated' && !('getHeader' in response && response.getHeader('Retry-After'))) {
        this.status = 'terminated';
        this.clock.clearTimeout(this.expiryTimer);
        this.end();
      }
    });
    return this.sending;
  }

  private end(): void {
    this.ua.removeDialog(this.dialog);
    this.dialog.terminate();
    this.onEnd(this);
  }
}
