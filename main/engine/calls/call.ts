import { randomUUID } from 'node:crypto';
import type { CallDirection, CallInfo, CallState, TransferInfo } from '../../../shared/ipc';
import type { CallMedia } from './call-media';
import type { IncomingInvite, InviteSession, OutgoingInvite } from '../../sip/ua';

/** One call: its signaling (an INVITE in progress or an established session) and its media. */
export class Call {
  readonly id = randomUUID();
  readonly startedAt = Date.now();
  state: CallState;
  answeredAt: number | undefined;
  endedAt: number | undefined;
  endReason: string | undefined;
  endStatus: number | undefined;
  held = false;
  muted = false;
  /** Whom the call came through (Diversion, History-Info), or for a redirected call the address dialled first. */
  forwardedFrom: string | undefined;
  /** Ringing while another call is connected (call waiting). */
  waiting = false;
  /** Taken by voicemail; `finish` stores the message when the call ends. */
  voicemail: { finish(): unknown } | undefined;
  media: CallMedia | undefined;
  incoming: IncomingInvite | undefined;
  outgoing: OutgoingInvite | undefined;
  session: InviteSession | undefined;
  /** Our SDP for the 2xx of an incoming call: the answer, or the offer when the INVITE had none. */
  pendingBody: string | undefined;
  /** RFC 3264 §5: our 2xx carries the offer and the ACK brings the answer. */
  offerInAnswer = false;
  /** Pending auto-answer or no-answer timer. */
  timer: { cancel(): void } | undefined;
  /** A transfer of this call (see transfer.ts). */
  transfer: TransferInfo | undefined;
  /** The call this one took over (RFC 3891). */
  replacesCallId: string | undefined;
  /** The local conference it is mixed into (see conference.ts), and muted there. */
  conferenceId: string | undefined;
  conferenceMuted = false;

  constructor(
    readonly direction: CallDirection,
    /** Changes when a 3xx sends an outgoing call elsewhere. */
    public peer: string,
    readonly peerName: string | undefined,
  ) {
    this.state = direction === 'incoming' ? 'incoming' : 'dialing';
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  info(): CallInfo {
    const info: CallInfo = {
      id: this.id,
      direction: this.direction,
      state: this.state,
      peer: this.peer,
      startedAt: this.startedAt,
      held: this.held,
      remoteHeld: this.media?.remoteHeld ?? false,
      muted: this.muted,
      encryption: this.media?.encryption ?? 'none',
    };
    if (this.peerName !== undefined) info.peerName = this.peerName;
    if (this.forwardedFrom !== undefined) info.forwardedFrom = this.forwardedFrom;
    if (this.waiting) info.waiting = true;
    if (this.voicemail) info.voicemail = true;
    if (this.answeredAt !== undefined) info.answeredAt = this.answeredAt;
    if (this.endedAt !== undefined) info.endedAt = this.endedAt;
    if (this.endReason !== undefined) info.endReason = this.endReason;
    if (this.endStatus !== undefined) info.endStatus = this.endStatus;
    if (this.media?.codec !== undefined) info.codec = this.media.codec;
    if (this.transfer !== undefined) info.transfer = { ...this.transfer };
    if (this.replacesCallId !== undefined) info.replacesCallId = this.replacesCallId;
    if (this.conferenceId !== undefined) {
      info.conferenceId = this.conferenceId;
      info.conferenceMuted = this.conferenceMuted;
    }
    return info;
  }
}
