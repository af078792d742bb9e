import type { Clock, TimerHandle } from '../../lib/clock';
import { formatSipfrag, reasonPhrase, SIPFRAG, type HeaderInit, type BodyInit, type SipResponse } from '../../sip/message';

/** Sends one NOTIFY in the REFER's dialog. */
export type NotifySender = (init: { headers: HeaderInit; body: BodyInit }) => Promise<SipResponse>;

/** How long the implicit subscription lasts unless the transfer ends sooner (RFC 3515 §2.4.4 leaves it to the notifier). */
export const REFER_EXPIRES_S = 180;

/**
 * The transferee's side of a REFER's implicit subscription (RFC 3515 §2.4.4): a NOTIFY for each
 * step of the referred call, the first one at once (100 Trying), the last one with
 * Subscription-State: terminated. NOTIFYs go out one at a time, in order; once one is refused
 * with 481 or fails, the subscription is gone (RFC 6665 §4.2.2) and no more are sent. When the
 * referred call is still unanswered at expiry, a last NOTIFY ends it with reason=timeout
 * (RFC 6665 §4.2.2).
 */
export class ReferNotifier {
  private queue: Promise<void> = Promise.resolve();
  private finished = false;
  private gone = false;
  private last = 0;
  private readonly expiry: TimerHandle;

  constructor(
    private readonly send: NotifySender,
    /** The REFER's CSeq, for `Event: refer;id=` (RFC 3515 §2.4.6). */
    private readonly id: number,
    private readonly clock: Clock,
    private readonly expiresS = REFER_EXPIRES_S,
  ) {
    this.expiry = clock.setTimeout(() => this.expire(), expiresS * 1000);
  }

  get done(): boolean {
    return this.finished;
  }

  /** Reports the referred call's status; a final one (≥ 200) ends the subscription. Repeats are skipped. */
  report(status: number, reason: string): Promise<void> {
    if (this.finished || status === this.last) return this.queue;
    this.last = status;
    const final = status >= 200;
    if (final) this.finish();
    return this.notify(status, reason, final ? 'terminated;reason=noresource' : `active;expires=${this.expiresS}`);
  }

  private expire(): void {
    if (this.finished) return;
    this.finish();
    const status = this.last || 100;
    void this.notify(status, reasonPhrase(status), 'terminated;reason=timeout');
  }

  private finish(): void {
    this.finished = true;
    this.clock.clearTimeout(this.expiry);
  }

  private notify(status: number, reason: string, state: string): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.gone) return;
      try {
        const response = await this.send({
          headers: [
            ['Event', `refer;id=${this.id}`],
            ['Subscription-State', state],
          ],
          body: { data: formatSipfrag(status, reason), contentType: SIPFRAG },
        });
        if (response.status >= 300) this.gone = true;
      } catch {
        this.gone = true; // the dialog ended: nobody is listening any more
      }
    });
    return this.queue;
  }
}
