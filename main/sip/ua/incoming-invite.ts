import type { Clock } from '../../lib/clock';
import { Dialog } from '../dialog';
import type { BodyInit, HeaderInit, SipRequest } from '../message';
import type { InviteServerTransaction } from '../transaction';
import { InviteSession } from './invite-session';
import type { UserAgent } from './user-agent';

/**
 * An INVITE that has not been answered yet (RFC 3261 §13.3): ring, accept with an answer,
 * or reject; a CANCEL from the caller ends it with 487 (§9.2).
 */
export class IncomingInvite {
  private answered = false;
  private cancelListener: (() => void) | undefined;

  constructor(
    private readonly ua: UserAgent,
    readonly request: SipRequest,
    readonly tx: InviteServerTransaction,
    private readonly clock: Clock,
  ) {
    ua.watch(tx, {
      cancelled: () => {
        if (this.answered) return;
        this.answered = true;
        // RFC 3261 §9.2: the INVITE gets 487 Request Terminated.
        this.ua.respond(tx, 487);
        this.cancelListener?.();
      },
    });
  }

  get pending(): boolean {
    return !this.answered;
  }

  /** Called once if the caller cancels before we answer. */
  onCancel(listener: () => void): void {
    this.cancelListener = listener;
  }

  /** RFC 3261 §13.3.1.1: 180 Ringing (no early media is generated, RFC 5638 §4.1). */
  ring(): void {
    if (!this.answered) this.ua.respond(this.tx, 180, { contact: true });
  }

  /** RFC 3261 §13.3.1.4: 200 with our Contact and the answer (or our offer when the INVITE had none). */
  accept(body?: BodyInit): InviteSession {
    if (this.answered) throw new Error('This call was already answered or cancelled');
    this.answered = true;
    this.ua.respond(this.tx, 200, { contact: true, ...(body ? { body } : {}) });
    const dialog = Dialog.asUas(this.request, this.ua.toTagFor(this.tx));
    const session = new InviteSession(this.ua, dialog, false, this.clock);
    session.expectAck(this.tx);
    return session;
  }

  reject(status: number, init: { reason?: string; headers?: HeaderInit } = {}): void {
    if (this.answered) return;
    this.answered = true;
    this.ua.respond(this.tx, status, init);
  }
}
