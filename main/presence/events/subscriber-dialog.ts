import type { Clock, TimerHandle } from '../../lib/clock';
import type { Dialog } from '../../sip/dialog';
import type { SipRequest, SipResponse } from '../../sip/message';
import type { ServerTransaction } from '../../sip/transaction';
import type { DialogDelegate, IncomingContext, UserAgent } from '../../sip/ua';

/** What one subscriber dialog needs from the subscription that owns it. */
export interface SubscriberDialogOwner {
  /** Event, Accept and Expires for an in-dialog SUBSCRIBE. */
  headers(expires: number): [string, string][];
  /** The interval to ask for on refresh. */
  readonly expires: number;
  /** A request in this dialog (a NOTIFY, or anything else to refuse). */
  received(fork: SubscriberDialog, request: SipRequest, tx: ServerTransaction): void;
  /** The refresh failed: this subscription is gone (RFC 6665 §4.1.2.2). */
  refreshFailed(fork: SubscriberDialog, why: { status?: number; reason: string }): void;
}

/** RFC 6665 §4.1.2.1: refresh this long before expiry (or at half the interval when shorter). */
const REFRESH_MARGIN_S = 30;

/**
 * One subscription a SUBSCRIBE installed (RFC 6665 §4.1.2.4: a forked SUBSCRIBE installs one per
 * notifier, each in its own dialog): its refresh timer, refresh and unsubscribe.
 */
export class SubscriberDialog implements DialogDelegate {
  private refreshTimer: TimerHandle | undefined;
  private closed = false;

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
    readonly dialog: Dialog,
    private readonly owner: SubscriberDialogOwner,
  ) {
    ua.addDialog(dialog, this);
  }

  /** The notifier's tag: which fork this is. */
  get tag(): string {
    return this.dialog.id.remoteTag;
  }

  receiveRequest(request: SipRequest, tx: ServerTransaction, _context: IncomingContext): void {
    this.owner.received(this, request, tx);
  }

  scheduleRefresh(seconds: number): void {
    if (this.closed) return;
    this.clock.clearTimeout(this.refreshTimer);
    const lead = Math.min(REFRESH_MARGIN_S, seconds / 2);
    this.refreshTimer = this.clock.setTimeout(() => void this.refresh(), Math.max(1, seconds - lead) * 1000);
  }

  /** RFC 6665 §4.1.2.3: unsubscribe (SUBSCRIBE with Expires: 0), waiting at most `waitMs`. */
  async unsubscribe(waitMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearTimeout(this.refreshTimer);
    const dialog = this.dialog;
    if (dialog.state === 'terminated') return;
    try {
      const request = dialog.createRequest('SUBSCRIBE', { headers: this.owner.headers(0), contact: this.contact() });
      await Promise.race([this.ua.send(request).catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
    } catch {
      // the dialog ended meanwhile
    } finally {
      this.close();
    }
  }

  /** Forgets the dialog without a word to the notifier (it ended, or failed). */
  close(): void {
    this.closed = true;
    this.clock.clearTimeout(this.refreshTimer);
    this.ua.removeDialog(this.dialog);
    this.dialog.terminate();
  }

  /** RFC 6665 §4.1.2.1: a refresh is a SUBSCRIBE in the dialog. */
  private async refresh(): Promise<void> {
    if (this.closed) return;
    let response: SipResponse;
    try {
      ({ response } = await this.ua.send(this.dialog.createRequest('SUBSCRIBE', { headers: this.owner.headers(this.owner.expires), contact: this.contact() })));
    } catch {
      this.owner.refreshFailed(this, { reason: 'refresh failed' });
      return;
    }
    if (this.closed) return;
    if (response.status >= 200 && response.status < 300) {
      this.dialog.refreshFromResponse(response);
      this.scheduleRefresh(response.expires ?? this.owner.expires);
      return;
    }
    // RFC 6665 §4.1.2.2: 481 (or any failure) means the subscription is gone.
    this.owner.refreshFailed(this, { status: response.status, reason: `${response.status} ${response.reason}` });
  }

  private contact(): string {
    const target = this.dialog.remoteTarget;
    const host = target.host.replace(/^\[|\]$/g, '');
    const transport = target.params.get('transport')?.toLowerCase();
    return this.ua.contact(transport === 'tcp' || transport === 'tls' ? transport : 'udp', host);
  }
}
