import type { Clock, TimerHandle } from '../../lib/clock';
import { Dialog, DialogError } from '../../sip/dialog';
import type { SipRequest, SipResponse, Uri } from '../../sip/message';
import type { ServerTransaction } from '../../sip/transaction';
import type { DialogDelegate, IncomingContext, UserAgent } from '../../sip/ua';
import { readSubscriptionState, retryAdvice, type SubscriptionStateValue } from './subscription-state';

/** What a subscriber hears about its subscription. */
export interface SubscriberDelegate {
  /**
   * A NOTIFY arrived. Return an error response (status, reason) to refuse its body, e.g. a
   * malformed document; the subscription is kept (Retry-After is added, RFC 6665 §4.2.2).
   */
  notified(state: SubscriptionStateValue, request: SipRequest): { status: number; reason: string } | void;
  /** It ended: refused, terminated by the notifier, timed out, or failed to refresh. */
  ended(why: { status?: number; reason: string; retry: 'now' | 'later' | 'never'; afterSeconds?: number }): void;
}

export interface ClientSubscriptionOptions {
  target: Uri;
  event: string;
  accept: readonly string[];
  /** Seconds asked for (RFC 3856 §6.4: 3600 for presence). */
  expires: number;
  /** Our address for From (the account's AOR in server mode). */
  from?: string;
  delegate: SubscriberDelegate;
}

/** RFC 6665 §4.1.2.1: refresh this long before expiry (or at half the interval when shorter). */
const REFRESH_MARGIN_S = 30;
/** RFC 6665 §4.1.2.4: Timer N (64*T1) — the longest wait for the first NOTIFY. */
export const TIMER_N_MS = 64 * 500;

/**
 * The subscriber role of RFC 6665 for one resource: SUBSCRIBE, NOTIFYs in the dialog the 2xx
 * made, refreshes before expiry on the injected clock, and unsubscribe with Expires: 0.
 */
export class ClientSubscription implements DialogDelegate {
  private dialog: Dialog | undefined;
  private refreshTimer: TimerHandle | undefined;
  private timerN: TimerHandle | undefined;
  private notified = false;
  private closed = false;

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
    private readonly options: ClientSubscriptionOptions,
  ) {}

  get active(): boolean {
    return this.dialog !== undefined && !this.closed;
  }

  /** Sends the initial SUBSCRIBE; resolves with its final response. */
  async start(): Promise<SipResponse> {
    const { options, ua } = this;
    // RFC 6665 §4.1.3: NOTIFY must pass the UA's method check; one outside any subscription gets 481.
    if (!ua.allowedMethods.includes('NOTIFY')) ua.handle('NOTIFY', (_request, tx) => ua.respond(tx, 481));
    const request = ua.createRequest('SUBSCRIBE', options.target, {
      headers: this.headers(options.expires),
      ...(options.from ? { from: options.from } : {}),
    });
    const { response, request: sent } = await ua.send(request);
    if (this.closed) return response;
    if (response.status >= 200 && response.status < 300) {
      try {
        this.dialog = Dialog.asUac(sent, response);
      } catch (err) {
        if (!(err instanceof DialogError)) throw err;
        this.finish({ status: response.status, reason: err.message, retry: 'later' });
        return response;
      }
      // FIXME(rfc6665 §4.1.2.4): NOTIFYs of other forks (other To tags) need a UA hook for unmatched in-dialog requests; they get 481.
      ua.addDialog(this.dialog, this);
      this.scheduleRefresh(response.expires ?? options.expires);
      if (!this.notified) this.timerN = this.clock.setTimeout(() => this.finish({ reason: 'no NOTIFY within Timer N', retry: 'later' }), TIMER_N_MS);
      return response;
    }
    if (response.status === 423 && response.minExpires !== undefined && response.minExpires > options.expires) {
      // RFC 6665 §4.1.2.1: try again with the notifier's minimum.
      options.expires = response.minExpires;
      return this.start();
    }
    const why = `${response.status} ${response.reason}`;
    const retry = response.status === 489 || response.status === 403 || response.status === 404 ? 'never' : 'later';
    const retryAfter = Number(response.getHeader('Retry-After') ?? NaN);
    this.finish({ status: response.status, reason: why, retry, ...(Number.isFinite(retryAfter) ? { afterSeconds: retryAfter } : {}) });
    return response;
  }

  /** RFC 6665 §4.1.2.3: unsubscribe (SUBSCRIBE with Expires: 0), waiting at most `waitMs`. */
  async stop(waitMs = 500): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearTimeout(this.refreshTimer);
    this.clock.clearTimeout(this.timerN);
    const dialog = this.dialog;
    if (!dialog || dialog.state === 'terminated') return;
    try {
      const request = dialog.createRequest('SUBSCRIBE', { headers: this.headers(0), contact: this.contactFor(dialog) });
      await Promise.race([this.ua.send(request).catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
    } catch {
      // the dialog ended meanwhile
    } finally {
      this.ua.removeDialog(dialog);
      dialog.terminate();
    }
  }

  /** NOTIFY in our dialog (RFC 6665 §4.1.3). */
  receiveRequest(request: SipRequest, tx: ServerTransaction, _context: IncomingContext): void {
    if (request.method !== 'NOTIFY') {
      this.ua.respond(tx, 405, { headers: [['Allow', 'NOTIFY']] });
      return;
    }
    if (request.event?.value.toLowerCase() !== this.options.event) {
      // RFC 6665 §4.1.3: a NOTIFY for a package we did not subscribe to.
      this.ua.respond(tx, 489, { reason: 'Bad Event' });
      return;
    }
    const state = readSubscriptionState(request);
    if (!state) {
      this.ua.respond(tx, 400, { reason: 'Missing or bad Subscription-State' });
      return;
    }
    if (this.closed) {
      this.ua.respond(tx, 200);
      return;
    }
    this.notified = true;
    this.clock.clearTimeout(this.timerN);
    const refused = this.options.delegate.notified(state, request);
    if (refused) this.ua.respond(tx, refused.status, { reason: refused.reason, headers: [['Retry-After', '30']] });
    else this.ua.respond(tx, 200);
    if (state.state === 'terminated') {
      const advice = retryAdvice(state);
      this.finish({ reason: state.reason ?? 'terminated', ...advice });
    } else if (state.expires !== undefined && state.expires > 0) {
      // RFC 6665 §4.1.3: the notifier may shorten the subscription.
      this.scheduleRefresh(state.expires);
    }
  }

  private headers(expires: number): [string, string][] {
    return [
      ['Event', this.options.event],
      ['Accept', this.options.accept.join(', ')],
      ['Expires', String(expires)],
    ];
  }

  private scheduleRefresh(seconds: number): void {
    this.clock.clearTimeout(this.refreshTimer);
    const lead = Math.min(REFRESH_MARGIN_S, seconds / 2);
    this.refreshTimer = this.clock.setTimeout(() => void this.refresh(), Math.max(1, seconds - lead) * 1000);
  }

  /** RFC 6665 §4.1.2.1: a refresh is a SUBSCRIBE in the dialog. */
  private async refresh(): Promise<void> {
    const dialog = this.dialog;
    if (!dialog || this.closed) return;
    let response: SipResponse;
    try {
      ({ response } = await this.ua.send(dialog.createRequest('SUBSCRIBE', { headers: this.headers(this.options.expires), contact: this.contactFor(dialog) })));
    } catch {
      this.finish({ reason: 'refresh failed', retry: 'now' });
      return;
    }
    if (this.closed) return;
    if (response.status >= 200 && response.status < 300) {
      dialog.refreshFromResponse(response);
      this.scheduleRefresh(response.expires ?? this.options.expires);
      return;
    }
    // RFC 6665 §4.1.2.2: 481 (or any failure) means the subscription is gone; start over.
    this.finish({ status: response.status, reason: `${response.status} ${response.reason}`, retry: 'now' });
  }

  private finish(why: Parameters<SubscriberDelegate['ended']>[0]): void {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearTimeout(this.refreshTimer);
    this.clock.clearTimeout(this.timerN);
    if (this.dialog) {
      this.ua.removeDialog(this.dialog);
      this.dialog.terminate();
    }
    this.options.delegate.ended(why);
  }

  private contactFor(dialog: Dialog): string {
    const host = dialog.remoteTarget.host.replace(/^\[|\]$/g, '');
    const transport = dialog.remoteTarget.params.get('transport')?.toLowerCase();
    return this.ua.contact(transport === 'tcp' || transport === 'tls' ? transport : 'udp', host);
  }
}
