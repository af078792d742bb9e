import { z } from 'zod';
import { event, request } from './define';
import { sipTargetSchema } from './sip-uri';

export type CallDirection = 'outgoing' | 'incoming';

/**
 * A call's life: dialing → ringing (remote alerting) → connected → ended; an incoming call
 * starts `incoming` and is answered or declined.
 */
export type CallState = 'dialing' | 'ringing' | 'incoming' | 'connected' | 'ended';

export type Encryption = 'none' | 'srtp' | 'dtls-srtp';

export interface CallInfo {
  id: string;
  direction: CallDirection;
  state: CallState;
  /** The other party's address and display name. */
  peer: string;
  peerName?: string;
  /** Epoch milliseconds. */
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  /** How the call ended, in words ("the other party hung up", "486 Busy Here"). */
  endReason?: string;
  /** The SIP status that ended it, when one did. */
  endStatus?: number;
  held: boolean;
  /** Held by the other party (they sent sendonly/inactive). */
  remoteHeld: boolean;
  muted: boolean;
  codec?: string;
  encryption: Encryption;
  /**
   * Whom the call came through: for an incoming call the forwarding party named by Diversion
   * (RFC 5806) or History-Info (RFC 7044); for an outgoing call the address we dialled before
   * a 3xx redirected us (RFC 3261 §8.1.3.4).
   */
  forwardedFrom?: string;
  /** An incoming call ringing while another call is in progress (call waiting). */
  waiting?: boolean;
  /** The endpoint's voicemail took this call; it is not the user talking. */
  voicemail?: boolean;
  /** A transfer of this call in progress or done (RFC 3515). */
  transfer?: TransferInfo;
  /** The call this one took over (an INVITE with Replaces, RFC 3891). */
  replacesCallId?: string;
  /** The local conference this call is mixed into. */
  conferenceId?: string;
  /** Muted in the conference: the other parties do not hear this one. */
  conferenceMuted?: boolean;
}

/** transferor: we asked the peer to call `target`; transferee: the peer asked us to. */
export interface TransferInfo {
  role: 'transferor' | 'transferee';
  kind: 'blind' | 'attended';
  target: string;
  state: 'requested' | 'trying' | 'ringing' | 'succeeded' | 'failed';
  /** The last status of the referred call (or of the REFER when it was refused). */
  status?: number;
  reason?: string;
}

export interface CallQuality {
  callId: string;
  packetsSent: number;
  packetsReceived: number;
  /** Percent of expected packets lost. */
  lossPercent: number;
  jitterMs: number;
  rttMs?: number;
  /** Estimated mean opinion score, 1–4.5. */
  mos: number;
}

export interface MediaPathInfo {
  callId: string;
  local: string;
  remote: string;
  /** Where media really comes from (symmetric RTP latching, RFC 4961). */
  latched?: string;
  receiving: boolean;
  sending: boolean;
  /** A named diagnosis when media is missing in a direction. */
  diagnosis?: string;
  /** ICE (RFC 8445) when the call gathered candidates; 'off' when the peer did not do ICE. */
  ice?: 'gathered' | 'checking' | 'connected' | 'failed' | 'closed' | 'off';
  /** The candidate pair that carries media (RFC 8445 §8.1.1), once ICE selected one. */
  candidatePair?: MediaCandidatePair;
}

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

export interface MediaCandidatePair {
  localType: CandidateType;
  /** HOST:PORT */
  local: string;
  remoteType: CandidateType;
  remote: string;
  /** How we reach the TURN server when the local candidate is a relay. */
  relayTransport?: 'udp' | 'tcp';
}

const callId = z.object({ callId: z.string().min(1).max(64) }).strict();

export const callsRequests = {
  list: request<CallInfo[]>()('calls:list', z.undefined()),
  dial: request<CallInfo>()('calls:dial', z.object({ target: sipTargetSchema }).strict()),
  /** Answering while another call is connected puts that call on hold first (call waiting). */
  answer: request<CallInfo>()('calls:answer', callId),
  decline: request<CallInfo>()('calls:decline', callId),
  hangup: request<CallInfo>()('calls:hangup', callId),
  hold: request<CallInfo>()('calls:hold', callId),
  /** Resuming a held call puts the connected one on hold (switching between calls). */
  resume: request<CallInfo>()('calls:resume', callId),
  mute: request<CallInfo>()('calls:mute', z.object({ callId: z.string().min(1).max(64), muted: z.boolean() }).strict()),
  sendDtmf: request<CallInfo>()(
    'calls:send-dtmf',
    z.object({ callId: z.string().min(1).max(64), digits: z.string().regex(/^[0-9*#A-Da-d]{1,32}$/, 'digits are 0-9, *, #, A-D') }).strict(),
  ),
  // Transfer (RFC 3515, RFC 3891) and the local conference: see TransferInfo and conferenceId.
  transfer: request<CallInfo>()('calls:transfer', z.object({ callId: z.string().min(1).max(64), target: sipTargetSchema }).strict()),
  transferAttended: request<CallInfo>()(
    'calls:transfer-attended',
    z.object({ callId: z.string().min(1).max(64), toCallId: z.string().min(1).max(64) }).strict(),
  ),
  merge: request<CallInfo[]>()('calls:merge', z.object({ callIds: z.array(z.string().min(1).max(64)).min(1).max(8) }).strict()),
  conferenceMute: request<CallInfo>()('calls:conference-mute', z.object({ callId: z.string().min(1).max(64), muted: z.boolean() }).strict()),
  conferenceDrop: request<CallInfo>()('calls:conference-drop', callId),
};

export const callsEvents = {
  changed: event<CallInfo>()('calls:changed'),
  quality: event<CallQuality>()('calls:quality'),
  mediaPath: event<MediaPathInfo>()('calls:media-path'),
  dtmf: event<{ callId: string; digit: string; durationMs: number }>()('calls:dtmf'),
};
