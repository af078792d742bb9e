import type { Clock, TimerHandle } from '../../lib/clock';
import { Dialog, DialogError } from '../../sip/dialog';
import { createResponse, formatNameAddr, type SipRequest, type SipResponse, type Uri } from '../../sip/message';
import type { ServerTransaction } from '../../sip/transaction';
import type { ClientRequest, UserAgent } from '../../sip/ua';
import { SubscriberDialog, type SubscriberDialogOwner } from './subscriber-dialog';
import { readSubscriptionState, retryAdvice, type SubscriptionStateValue } from './subscription-state';

/** Why a subscription (or one fork of it) ended, and whether to try again. */
export interface SubscriptionEnd {
  status?: number;
  reason: string;
  retry: 'now' | 'later' | 'never';
  afterSeconds?: number;
}

/** What a subscriber hears about its subscription. */
export interface SubscriberDelegate {
  /**
   * A NOTIFY arrived from the notifier whose tag is `fork` (several when the SUBSCRIBE forked,
   * RFC 6665 §4.1.2.4). Return an error response (status, reason) to refuse its body, e.g. a
   * malformed document; the subscription is kept (Retry-After is added, RFC 6665 §4.2.2).
   */
  notified(state: SubscriptionStateValue, request: SipRequest, fork: string): { status: number; reason: string } | void;
  /** One fork's subscription ended while others carry on. */
  forkEnded?(fork: string, why: SubscriptionEnd): void;
  /** It ended: refused, terminated by every notifier, timed out, or failed to refresh. */
  ended(why: SubscriptionEnd): void;
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

/** RFC 6665 §4.1.2.4: Timer N (64*T1) — the longest wait for the first NOTIFY. */
export const TIMER_N_MS = 64 * 500;

/**
 * The subscriber role of RFC 6665 for one resource: the SUBSCRIBE and every subscription it
 * installs — one per notifier when a proxy forked it (RFC 6665 §4.1.2.4, §5.4.9), each in its
 * own dialog, refreshed and ended on its own — and unsubscribe with Expires: 0.
 */
export class ClientSubscription implements SubscriberDialogOwner {
  private readonly forks = new Map<string, SubscriberDialog>();
  /** Notifier tags whose subscription ended: a late NOTIFY of theirs gets 481. */
  private readonly gone = new Set<string>();
  private releaseForks: (() => void) | undefined;
  /** The SUBSCRIBE in flight (its CSeq changes when a challenge is answered). */
  private subscribe: ClientRequest | undefined;
  private timerN: TimerHandle | undefined;
  private lastEnd: SubscriptionEnd | undefined;
  private answered = false;
  private notified = false;
  private closed = false;

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
    private readonly options: ClientSubscriptionOptions,
  ) {}

  get active(): boolean {
    return this.forks.size > 0 && !this.closed;
  }

  /** Tags of the notifiers we hold a subscription with. */
  get forkTags(): string[] {
    return [...this.forks.keys()];
  }

  get expires(): number {
    return this.options.expires;
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
    // RFC 6665 §4.1.2.4: NOTIFYs may overtake the 2xx and come from several forks; each makes a dialog.
    this.releaseForks?.();
    this.releaseForks = ua.acceptForks(request.callId, request.fromTag ?? '', (r, tx) => this.forkRequest(r, tx));
    this.subscribe = ua.clientRequest(request);
    const { response, request: sent } = await this.subscribe.send();
    if (this.closed) return response;
    if (response.status >= 200 && response.status < 300) {
      this.answered = true;
      const tag = response.toTag ?? '';
      const known = this.forks.get(tag);
      if (known) {
        known.scheduleRefresh(response.expires ?? options.expires);
      } else if (!this.gone.has(tag)) {
        let dialog: Dialog;
        try {
          dialog = Dialog.asUac(sent, response);
        } catch (err) {
          if (!(err instanceof DialogError)) throw err;
          if (this.forks.size === 0) this.finish({ status: response.status, reason: err.message, retry: 'later' });
          return response;
        }
        this.addFork(dialog).scheduleRefresh(response.expires ?? options.expires);
      } else if (this.forks.size === 0) {
        // The only notifier ended the subscription before its 2xx reached us.
        this.finish(this.lastEnd ?? { reason: 'terminated', retry: 'now' });
        return response;
      }
      if (!this.notified) this.timerN = this.clock.setTimeout(() => this.finish({ reason: 'no NOTIFY within Timer N', retry: 'later' }), TIMER_N_MS);
      return response;
    }
    if (response.status === 423 && response.minExpires !== undefined && response.minExpires > options.expires && this.forks.size === 0) {
      // RFC 6665 §4.1.2.1: try again with the notifier's minimum.
      options.expires = response.minExpires;
      return this.start();
    }
    this.answered = true;
    // Another fork's NOTIFY installed a subscription: it stands whatever the best response was.
    if (this.forks.size > 0) return response;
    const why = `${response.status} ${response.reason}`;
    const retry = response.status === 489 || response.status === 403 || response.status === 404 ? 'never' : 'later';
    const retryAfter = Number(response.getHeader('Retry-After') ?? NaN);
    this.finish({ status: response.status, reason: why, retry, ...(Number.isFinite(retryAfter) ? { afterSeconds: retryAfter } : {}) });
    return response;
  }

  /** RFC 6665 §4.1.2.3: unsubscribes every fork (SUBSCRIBE with Expires: 0), waiting at most `waitMs`. */
  async stop(waitMs = 500): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearTimeout(this.timerN);
    this.releaseForks?.();
    const forks = [...this.forks.values()];
    this.forks.clear();
    await Promise.all(forks.map((f) => f.unsubscribe(waitMs)));
  }

  headers(expires: number): [string, string][] {
    return [
      ['Event', this.options.event],
      ['Accept', this.options.accept.join(', ')],
      ['Expires', String(expires)],
    ];
  }

  /** NOTIFY in one of our dialogs (RFC 6665 §4.1.3). */
  received(fork: SubscriberDialog, request: SipRequest, tx: ServerTransaction): void {
    const state = this.check(request, tx);
    if (!state) return;
    if (this.closed) {
      this.ua.respond(tx, 200);
      return;
    }
    this.notified = true;
    this.clock.clearTimeout(this.timerN);
    const refused = this.options.delegate.notified(state, request, fork.tag);
    if (refused) this.ua.respond(tx, refused.status, { reason: refused.reason, headers: [['Retry-After', '30']] });
    else this.ua.respond(tx, 200);
    if (state.state === 'terminated') {
      this.endFork(fork, { reason: state.reason ?? 'terminated', ...retryAdvice(state) });
    } else if (state.expires !== undefined && state.expires > 0) {
      // RFC 6665 §4.1.3: the notifier may shorten the subscription.
      fork.scheduleRefresh(state.expires);
    }
  }

  refreshFailed(fork: SubscriberDialog, why: { status?: number; reason: string }): void {
    // RFC 6665 §4.1.2.2: the subscription is gone; a new SUBSCRIBE may start over at once.
    this.endFork(fork, { ...why, retry: 'now' });
  }

  /** RFC 6665 §4.1.2.4: a NOTIFY whose dialog we do not know yet — another fork, or ahead of the 2xx. */
  private forkRequest(request: SipRequest, tx: ServerTransaction): void {
    const tag = request.fromTag;
    if (request.method !== 'NOTIFY' || !tag || this.closed || this.gone.has(tag)) {
      this.ua.respond(tx, 481);
      return;
    }
    const state = this.check(request, tx);
    if (!state) return;
    if (state.state === 'terminated') {
      // A subscription that ends in its first NOTIFY leaves nothing to keep.
      this.ua.respond(tx, 200);
      this.notified = true;
      this.gone.add(tag);
      this.lastEnd = { reason: state.reason ?? 'terminated', ...retryAdvice(state) };
      if (this.answered && this.forks.size === 0) this.finish(this.lastEnd);
      return;
    }
    let dialog: Dialog;
    try {
      dialog = this.dialogFromNotify(request);
    } catch (err) {
      if (!(err instanceof DialogError)) throw err;
      this.ua.respond(tx, err.status ?? 400, { reason: err.message });
      return;
    }
    const fork = this.addFork(dialog);
    fork.scheduleRefresh(state.expires ?? this.options.expires);
    this.received(fork, request, tx);
  }

  /**
   * RFC 6665 §4.1.2.4: the dialog a NOTIFY creates is the one its notifier made from our SUBSCRIBE:
   * our CSeq goes on from the SUBSCRIBE's, the remote target is the NOTIFY's Contact and the route
   * set its Record-Route as received. Built as if a 2xx had carried these.
   */
  private dialogFromNotify(notify: SipRequest): Dialog {
    const subscribe = this.subscribe?.request;
    if (!subscribe) throw new DialogError('missing-tag', 'No SUBSCRIBE is in flight');
    const headers: [string, string][] = notify.contact.slice(0, 1).map((c) => ['Contact', formatNameAddr(c)]);
    for (const r of [...notify.recordRoute].reverse()) headers.push(['Record-Route', formatNameAddr(r)]);
    const dialog = Dialog.asUac(subscribe, createResponse(subscribe, 200, { toTag: notify.fromTag ?? '', headers }));
    dialog.receiveRequest(notify);
    return dialog;
  }

  /** Event and Subscription-State of a NOTIFY; answers and returns undefined when they are wrong. */
  private check(request: SipRequest, tx: ServerTransaction): SubscriptionStateValue | undefined {
    if (request.method !== 'NOTIFY') {
      this.ua.respond(tx, 405, { headers: [['Allow', 'NOTIFY']] });
      return undefined;
    }
    if (request.event?.value.toLowerCase() !== this.options.event) {
      // RFC 6665 §4.1.3: a NOTIFY for a package we did not subscribe to.
      this.ua.respond(tx, 489, { reason: 'Bad Event' });
      return undefined;
    }
    const state = readSubscriptionState(request);
    if (!state) this.ua.respond(tx, 400, { reason: 'Missing or bad Subscription-State' });
    return state;
  }

  private addFork(dialog: Dialog): SubscriberDialog {
    const fork = new SubscriberDialog(this.ua, this.clock, dialog, this);
    this.forks.set(fork.tag, fork);
    return fork;
  }

  private endFork(fork: SubscriberDialog, why: SubscriptionEnd): void {
    if (this.forks.get(fork.tag) !== fork) return;
    fork.close();
    this.forks.delete(fork.tag);
    this.gone.add(fork.tag);
    this.lastEnd = why;
    if (this.forks.size === 0 && this.answered) this.finish(why);
    else this.options.delegate.forkEnded?.(fork.tag, why);
  }

  private finish(why: SubscriptionEnd): void {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearTimeout(this.timerN);
    this.releaseForks?.();
    for (const fork of this.forks.values()) fork.close();
    this.forks.clear();
    this.options.delegate.ended(why);
  }
}
