import type { Clock } from '../../lib/clock';
import { Dialog, DialogError } from '../../sip/dialog';
import { getParam, type SipRequest } from '../../sip/message';
import type { ServerTransaction } from '../../sip/transaction';
import type { IncomingContext, UserAgent } from '../../sip/ua';
import type { NotifierPackage } from './notifier-package';
import { ServerSubscription } from './server-subscription';

/**
 * The notifier role of RFC 6665 for every package we serve: answers SUBSCRIBE (489 for
 * unknown packages, 423, 406, 403), creates the dialog, sends the initial NOTIFY right after
 * the 2xx, and ends every subscription on shutdown.
 */
export class Notifier {
  private readonly packages = new Map<string, NotifierPackage>();
  private readonly subscriptions = new Set<ServerSubscription>();

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
  ) {
    ua.handle('SUBSCRIBE', (request, tx, context) => this.receive(request, tx, context));
  }

  /** Serves `pkg` and advertises it in Allow-Events (RFC 6665 §8.2.2). */
  register(pkg: NotifierPackage): void {
    this.packages.set(pkg.event, pkg);
    this.ua.advertise({ event: pkg.event });
  }

  /** Current subscriptions of one package. */
  list(event: string): ServerSubscription[] {
    return [...this.subscriptions].filter((s) => s.pkg.event === event);
  }

  /** RFC 6665 §4.2.2: ends every subscription with a final NOTIFY (reason noresource on shutdown). */
  async terminateAll(reason: 'noresource' | 'deactivated' = 'noresource'): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.terminate(reason)));
  }

  private receive(request: SipRequest, tx: ServerTransaction, context: IncomingContext): void {
    const event = request.event;
    const allowEvents: [string, string] = ['Allow-Events', [...this.packages.keys()].join(', ')];
    const pkg = event ? this.packages.get(event.value.toLowerCase()) : undefined;
    if (!event || !pkg) {
      // RFC 6665 §4.2.1.1, §7.2.2: an unknown (or missing) package gets 489 with Allow-Events.
      this.ua.respond(tx, 489, { reason: 'Bad Event', headers: [allowEvents] });
      return;
    }
    const accept = request.getHeaders('Accept');
    if (accept.length > 0 && !accept.some((a) => acceptsAny(a, pkg.bodyTypes))) {
      // RFC 6665 §4.2.1.1: no body type the subscriber can read.
      this.ua.respond(tx, 406, { headers: [['Accept', pkg.bodyTypes.join(', ')]] });
      return;
    }
    const asked = request.expires ?? pkg.defaultExpires;
    if (asked > 0 && asked < pkg.minExpires) {
      this.ua.respond(tx, 423, { headers: [['Min-Expires', String(pkg.minExpires)]] });
      return;
    }
    const decision = pkg.authorize(request);
    if (decision.state === 'rejected') {
      this.ua.respond(tx, decision.status, { reason: decision.reason });
      return;
    }
    const granted = Math.min(asked, pkg.maxExpires);
    let dialog: Dialog;
    try {
      dialog = Dialog.asUas(request, this.ua.toTagFor(tx));
    } catch (err) {
      if (err instanceof DialogError) {
        this.ua.respond(tx, err.status ?? 400, { reason: err.message });
        return;
      }
      throw err;
    }
    // RFC 6665 §4.2.1.1: 200 whether the subscription is active or pending (202 is deprecated).
    this.ua.respond(tx, 200, { contact: true, headers: [['Expires', String(granted)]] });
    const sub = new ServerSubscription(
      this.ua,
      this.clock,
      pkg,
      dialog,
      request.from,
      getParam(event.params, 'id') ?? undefined,
      this.ua.contact(context.source.transport, context.source.host),
      decision.state,
      (s) => {
        this.subscriptions.delete(s);
        pkg.changed?.(s);
      },
    );
    this.ua.addDialog(dialog, sub);
    if (granted === 0) {
      // RFC 6665 §4.2.1.4 (a fetch): one NOTIFY with the state, then the end.
      void sub.terminate('timeout');
      return;
    }
    this.subscriptions.add(sub);
    sub.setExpires(granted);
    pkg.changed?.(sub);
    // RFC 6665 §4.2.1.2: the initial NOTIFY goes right after the 2xx.
    void sub.notify();
  }
}

function acceptsAny(accept: string, types: readonly string[]): boolean {
  const wanted = accept.split(';')[0]!.trim().toLowerCase();
  if (wanted === '*/*') return true;
  return types.some((t) => t === wanted || (wanted.endsWith('/*') && t.startsWith(wanted.slice(0, -1))));
}
