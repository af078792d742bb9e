import type { BuddyPresence } from '../../shared/ipc';
import type { Clock, TimerHandle } from '../lib/clock';
import type { SipRequest } from '../sip/message';
import type { UserAgent } from '../sip/ua';
import { ClientSubscription, type SubscriptionStateValue } from './events';
import { PidfParseError } from './errors';
import { PIDF_TYPE } from './pidf-build';
import { parsePidf } from './pidf-parse';
import { parseResource } from './resource-key';

export interface BuddyListDelegate {
  changed(presence: BuddyPresence): void;
  /** A buddy sent a document we could not read; their last good state is kept. */
  badDocument(uri: string, message: string): void;
}

export interface BuddyListOptions {
  /** Our address for From. */
  from?: string;
  /** Seconds between attempts to reach a buddy that is offline or unreachable. */
  retrySeconds: number;
  /** RFC 3856 §6.4: the interval we ask for. */
  expires: number;
}

/** What one notifier (one fork of the subscription) last told us. */
interface ForkState {
  status: BuddyPresence['status'];
  note: string;
  subscription: 'active' | 'pending';
  /** Order of arrival: the most recent news wins among equals. */
  seq: number;
}

interface Buddy {
  uri: string;
  presence: BuddyPresence;
  subscription: ClientSubscription | undefined;
  /** By notifier tag: a forked SUBSCRIBE installs one subscription per device (RFC 6665 §4.1.2.4). */
  forks: Map<string, ForkState>;
  retry: TimerHandle | undefined;
  /** A device of a forked subscription went away: a fresh SUBSCRIBE later finds it again. */
  renew: TimerHandle | undefined;
}

/**
 * The watcher side of RFC 3856: one subscription per buddy, their last good state, and
 * new attempts when a buddy is offline or a subscription ends.
 */
export class BuddyList {
  private readonly buddies = new Map<string, Buddy>();
  private stopped = false;
  private seq = 0;

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
    private readonly options: BuddyListOptions,
    private readonly delegate: BuddyListDelegate,
  ) {}

  list(): BuddyPresence[] {
    return [...this.buddies.values()].map((b) => ({ ...b.presence }));
  }

  get(uri: string): BuddyPresence | undefined {
    const b = this.buddies.get(uri);
    return b ? { ...b.presence } : undefined;
  }

  watch(uri: string): BuddyPresence {
    let buddy = this.buddies.get(uri);
    if (!buddy) {
      buddy = { uri, presence: { uri, status: 'offline', note: '', subscription: 'pending' }, subscription: undefined, forks: new Map(), retry: undefined, renew: undefined };
      this.buddies.set(uri, buddy);
      this.delegate.changed({ ...buddy.presence });
      this.subscribe(buddy);
    }
    return { ...buddy.presence };
  }

  async unwatch(uri: string): Promise<void> {
    const buddy = this.buddies.get(uri);
    if (!buddy) return;
    this.buddies.delete(uri);
    this.clock.clearTimeout(buddy.retry);
    this.clock.clearTimeout(buddy.renew);
    await buddy.subscription?.stop();
  }

  /** `uri` just contacted us, so it is online: try at once if we are not subscribed. */
  seen(uri: string): void {
    const buddy = this.buddies.get(uri);
    if (buddy?.renew !== undefined) {
      this.clock.clearTimeout(buddy.renew);
      buddy.renew = undefined;
      this.renew(buddy);
      return;
    }
    if (!buddy || buddy.subscription?.active || buddy.retry === undefined) return;
    this.clock.clearTimeout(buddy.retry);
    buddy.retry = undefined;
    this.subscribe(buddy);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.buddies.values()];
    for (const b of all) {
      this.clock.clearTimeout(b.retry);
      this.clock.clearTimeout(b.renew);
    }
    await Promise.all(all.map((b) => b.subscription?.stop()));
  }

  private subscribe(buddy: Buddy): void {
    const target = parseResource(buddy.uri);
    if (!target || this.stopped) return;
    const subscription: ClientSubscription = new ClientSubscription(this.ua, this.clock, {
      target,
      event: 'presence',
      accept: [PIDF_TYPE],
      expires: this.options.expires,
      ...(this.options.from ? { from: this.options.from } : {}),
      delegate: {
        notified: (state, request, fork) => (buddy.subscription === subscription ? this.notified(buddy, fork, state, request) : undefined),
        forkEnded: (fork, why) => {
          if (buddy.subscription !== subscription) return;
          buddy.forks.delete(fork);
          this.merge(buddy);
          // The other devices carry on; a new SUBSCRIBE later reaches this one again when it is back.
          if (why.reason !== 'rejected') this.scheduleRenew(buddy, why.afterSeconds ?? this.options.retrySeconds);
        },
        ended: (why) => {
          if (buddy.subscription !== subscription) return;
          buddy.subscription = undefined;
          buddy.forks.clear();
          this.clock.clearTimeout(buddy.renew);
          buddy.renew = undefined;
          this.update(buddy, { status: 'offline', note: '', subscription: 'terminated' });
          // RFC 6665 §4.1.3: rejected means never; a buddy that went away (noresource, timeout) is tried again later.
          if (why.reason === 'rejected' || why.status === 489) return;
          const seconds = why.retry === 'now' ? 1 : why.afterSeconds ?? this.options.retrySeconds;
          this.scheduleRetry(buddy, seconds);
        },
      },
    });
    buddy.subscription = subscription;
    void subscription.start().catch(() => {
      if (buddy.subscription === subscription) buddy.subscription = undefined;
      this.scheduleRetry(buddy, this.options.retrySeconds);
    });
  }

  private scheduleRenew(buddy: Buddy, seconds: number): void {
    if (this.stopped || buddy.renew !== undefined) return;
    buddy.renew = this.clock.setTimeout(() => {
      buddy.renew = undefined;
      this.renew(buddy);
    }, seconds * 1000);
  }

  /** A fresh SUBSCRIBE (it forks to every device there is now), then the old one is ended. */
  private renew(buddy: Buddy): void {
    const old = buddy.subscription;
    if (!old || this.stopped || this.buddies.get(buddy.uri) !== buddy) return;
    buddy.subscription = undefined;
    // The shown state stays until the new subscription's NOTIFYs replace it.
    buddy.forks.clear();
    this.subscribe(buddy);
    void old.stop();
  }

  private scheduleRetry(buddy: Buddy, seconds: number): void {
    if (this.stopped || this.buddies.get(buddy.uri) !== buddy) return;
    this.clock.clearTimeout(buddy.retry);
    buddy.retry = this.clock.setTimeout(() => {
      buddy.retry = undefined;
      this.subscribe(buddy);
    }, seconds * 1000);
  }

  private notified(buddy: Buddy, fork: string, state: SubscriptionStateValue, request: SipRequest): { status: number; reason: string } | void {
    if (state.state === 'terminated') return;
    if (state.state === 'pending') {
      // RFC 3856 §6.6.2: the buddy has not accepted us yet; no state to show.
      this.forkChanged(buddy, fork, { status: 'offline', note: '', subscription: 'pending' });
      return;
    }
    if (request.body.length === 0) {
      const last = buddy.forks.get(fork);
      this.forkChanged(buddy, fork, { status: last?.status ?? 'offline', note: last?.note ?? '', subscription: 'active' });
      return;
    }
    const type = request.contentType;
    if (!type || `${type.type}/${type.subtype}`.toLowerCase() !== PIDF_TYPE) {
      return { status: 415, reason: 'Unsupported Media Type' };
    }
    try {
      const parsed = parsePidf(request.body.toString('utf8'));
      this.forkChanged(buddy, fork, { status: parsed.status, note: parsed.note, subscription: 'active' });
    } catch (err) {
      if (!(err instanceof PidfParseError)) throw err;
      this.delegate.badDocument(buddy.uri, err.message);
      return { status: 400, reason: `Bad PIDF: ${err.message.slice(0, 100)}` };
    }
  }

  private forkChanged(buddy: Buddy, fork: string, state: Omit<ForkState, 'seq'>): void {
    buddy.forks.set(fork, { ...state, seq: ++this.seq });
    this.merge(buddy);
  }

  /**
   * RFC 3856 §6.9: with a forked subscription every device reports on its own; the buddy is
   * open when any device is, and shows the most recent news of the open ones (else of the
   * closed ones). Pending while no device has accepted us.
   */
  private merge(buddy: Buddy): void {
    const forks = [...buddy.forks.values()].sort((a, b) => b.seq - a.seq);
    if (forks.length === 0) return;
    const active = forks.filter((f) => f.subscription === 'active');
    const shown = active.find((f) => f.status !== 'offline') ?? active[0];
    if (shown) this.update(buddy, { status: shown.status, note: shown.note, subscription: 'active' });
    else this.update(buddy, { status: 'offline', note: '', subscription: 'pending' });
  }

  private update(buddy: Buddy, next: Omit<BuddyPresence, 'uri'>): void {
    const p = buddy.presence;
    if (p.status === next.status && p.note === next.note && p.subscription === next.subscription) return;
    buddy.presence = { uri: buddy.uri, ...next };
    if (this.buddies.get(buddy.uri) === buddy) this.delegate.changed({ ...buddy.presence });
  }
}
