import type { Clock } from '../../lib/clock';
import type { Dialog } from '../dialog';
import type { BodyInit, SipRequest, SipResponse } from '../message';
import type { ServerTransaction } from '../transaction';
import type { DialogDelegate, IncomingContext } from './incoming';
import type { HopTarget } from './next-hop';
import type { UserAgent } from './user-agent';

/** The answer to a peer's re-offer: our SDP, or a status to refuse it with. */
export type ReofferAnswer = { body: BodyInit } | { status: number; reason?: string };

/** Why a session ended, from our side of it. */
export type EndReason = { by: 'local' | 'remote'; status?: number; reason: string };

/** What a session's owner (the engine's call) is told, and asked. */
export interface InviteSessionDelegate {
  /**
   * A re-INVITE with an offer (RFC 3264 §8): return the answer body, or a status to reject it
   * with (488 for an offer we cannot take, RFC 3261 §14.2).
   */
  onReoffer(offer: SipRequest): ReofferAnswer | Promise<ReofferAnswer>;
  onEnded(reason: EndReason): void;
  /** The ACK for our 2xx; it carries the answer when our 2xx carried the offer (RFC 3264 §4). */
  onAck?(ack: SipRequest): void;
  /** Any other in-dialog request (INFO, REFER, NOTIFY, MESSAGE); answer it through the UA. */
  onRequest?(request: SipRequest, tx: ServerTransaction): boolean;
}

/**
 * An established INVITE dialog usage (RFC 3261 §13–15): BYE either way, re-INVITE either way
 * with glare handling (§14.1: 491 and a random back-off), ACK for 2xx retransmissions.
 */
export class InviteSession implements DialogDelegate {
  private ended = false;
  private pendingReinvite = false;
  private incomingReinvite: ServerTransaction | undefined;
  delegate: InviteSessionDelegate | undefined;

  constructor(
    private readonly ua: UserAgent,
    readonly dialog: Dialog,
    /** True when we sent the INVITE that made the dialog (we own its Call-ID, RFC 3261 §14.1). */
    readonly isCaller: boolean,
    private readonly clock: Clock,
  ) {
    ua.addDialog(dialog, this);
  }

  get active(): boolean {
    return !this.ended;
  }

  /** RFC 3261 §15.1.1: ends the session with BYE; the session is over whatever the answer. */
  async bye(reason = 'hung up'): Promise<void> {
    if (this.ended) return;
    this.finish({ by: 'local', reason });
    const request = this.dialog.createRequest('BYE', { headers: [['User-Agent', this.ua.product]] });
    this.dialog.terminate();
    try {
      await this.ua.send(request, { target: await this.ua.firstHop(this.dialog.nextHop()) });
    } catch {
      // the dialog is gone for us either way (RFC 3261 §15.1.1)
    }
  }

  /**
   * RFC 3261 §14.1: a re-INVITE with a new offer. Resolves with the 2xx (after our ACK) or
   * the failure; 491 is retried after the back-off §14.1 prescribes.
   */
  async reinvite(offer: BodyInit, attempt = 0): Promise<SipResponse> {
    if (this.ended) throw new Error('The call has ended');
    if (this.pendingReinvite || this.incomingReinvite) throw new Error('Another offer is in progress; try again when it completes');
    this.pendingReinvite = true;
    let result;
    try {
      const request = this.dialog.createRequest('INVITE', {
        headers: [['User-Agent', this.ua.product]],
        body: offer,
        contact: this.ua.contact((await this.target()).transport, this.dialog.remoteTarget.host),
      });
      const target = await this.target();
      result = await this.ua.send(request, {
        target,
        onLate2xx: () => void this.ua.sendAck(this.dialog, request.cseq.seq, { target }).catch(() => undefined),
      });
      if (result.response.status >= 200 && result.response.status < 300) {
        this.dialog.refreshFromResponse(result.response);
        await this.ua.sendAck(this.dialog, result.request.cseq.seq, { target });
      }
    } finally {
      this.pendingReinvite = false;
    }
    if (result.response.status === 491 && attempt < 3) {
      // RFC 3261 §14.1: the Call-ID owner waits 2.1–4 s, the other side 0–2 s, then tries again.
      const wait = this.isCaller ? 2100 + Math.random() * 1900 : Math.random() * 2000;
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
      return this.reinvite(offer, attempt + 1);
    }
    // RFC 3261 §12.2.1.2: 481 or 408 to an in-dialog request ends the dialog.
    if (result.response.status === 481 || result.response.status === 408) {
      this.finish({ by: 'remote', status: result.response.status, reason: result.response.reason });
    }
    return result.response;
  }

  receiveRequest(request: SipRequest, tx: ServerTransaction, _context: IncomingContext): void {
    switch (request.method) {
      case 'BYE':
        // RFC 3261 §15.1.2: 200 to the BYE ends the session.
        this.ua.respond(tx, 200);
        this.dialog.terminate();
        this.finish({ by: 'remote', reason: 'the other party hung up' });
        return;
      case 'INVITE':
        return this.receiveReinvite(request, tx);
      default:
        if (this.delegate?.onRequest?.(request, tx)) return;
        this.ua.respond(tx, request.method === 'INFO' ? 200 : 405, request.method === 'INFO' ? {} : { headers: [['Allow', this.ua.allowedMethods.join(', ')]] });
    }
  }

  receiveAck(ack: SipRequest): void {
    this.incomingReinvite = undefined;
    this.delegate?.onAck?.(ack);
  }

  /** Used by the UAS side once the ACK for the initial 2xx arrives or never does. */
  expectAck(tx: ServerTransaction): void {
    this.ua.watch(tx, {
      // RFC 3261 §13.3.1.4: no ACK within 64*T1 → the UAS SHOULD end the session with BYE.
      timeout: () => void this.bye('no ACK from the caller'),
    });
  }

  /** RFC 3261 §14.2: a re-INVITE while ours is pending gets 491; otherwise the delegate answers the offer. */
  private receiveReinvite(request: SipRequest, tx: ServerTransaction): void {
    if (this.pendingReinvite || this.incomingReinvite) {
      this.ua.respond(tx, this.incomingReinvite ? 500 : 491, this.incomingReinvite ? { headers: [['Retry-After', Math.ceil(Math.random() * 10)]] } : {});
      return;
    }
    this.incomingReinvite = tx;
    void Promise.resolve(this.delegate?.onReoffer(request) ?? { status: 488, reason: 'Not Acceptable Here' })
      .catch((): ReofferAnswer => ({ status: 500, reason: 'Server Internal Error' }))
      .then((answer) => {
        if ('status' in answer) {
          this.incomingReinvite = undefined;
          this.ua.respond(tx, answer.status, answer.reason ? { reason: answer.reason } : {});
          return;
        }
        this.ua.respond(tx, 200, { contact: true, body: answer.body });
        this.ua.watch(tx, { timeout: () => void this.bye('no ACK for the re-INVITE') });
      });
  }

  private target(): Promise<HopTarget> {
    return this.ua.firstHop(this.dialog.nextHop());
  }

  private finish(reason: EndReason): void {
    if (this.ended) return;
    this.ended = true;
    this.ua.removeDialog(this.dialog);
    this.delegate?.onEnded(reason);
  }
}
