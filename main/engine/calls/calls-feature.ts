import type { CallInfo } from '../../../shared/ipc';
import { formatUri, type HeaderInit, type SipRequest } from '../../sip/message';
import { bareHost } from '../../sip/ua';
import type { InviteServerTransaction, ServerTransaction } from '../../sip/transaction';
import { IncomingInvite, OutgoingInvite, type InviteSession } from '../../sip/ua';
import { EngineError, type Handler } from '../dispatch';
import type { EngineFeature, FeatureContext } from '../feature';
import { flushEndedCalls, recordEndedCall } from '../history-feature';
import type { AudioSink } from '../../media/audio';
import { Call } from './call';
import { CallConference } from './conference';
import { CallTransfer } from './transfer';
import type { CallsHost } from './transfer-host';
import type { CallMedia, CallMediaEvents, CallMediaFactory } from './call-media';
import { dialTarget, identityDomain } from './dial-target';
import { CallActivityWatch } from './call-activity';
import { callsToHold, inOtherCall, userCallCount } from './call-waiting';
import { redirectInvite, refusedCall } from './incoming-refusal';
import { decideIncoming, rulesFor, type IncomingDecision, type RingTimeout } from '../../services/incoming';
import { forwardedFrom, isFollowableRedirect, RedirectPlan } from '../../services/forwarding';
import type { SipResponse } from '../../sip/message';
import type { VoicemailFeature } from '../voicemail-feature';
import { redirectedInvite } from './redirect-request';
import { voicemailCall } from './voicemail-link';
import { storedCallNat } from '../nat-settings';
import { sendIceUpdate } from './ice-update';

export interface CallsFeatureOptions {
  media: CallMediaFactory;
  /** Answer incoming calls after this many seconds (undefined: ring until the user answers). */
  autoAnswerSeconds?: number;
  /** Calls at once; one more incoming call gets 486 Busy Here (RFC 3261 §21.4.24). */
  maxCalls?: number;
  /** The account's domain, for numbers typed without one. */
  accountDomain?: string;
  /** Takes calls the rules send to voicemail. */
  voicemail?: VoicemailFeature;
  /** Where the local user hears a conference (headless mode: a recording); see conference.ts. */
  conferenceSink?: () => AudioSink;
}

const SDP = 'application/sdp';
const RING: IncomingDecision = { action: 'ring' };

/** Calls in the endpoint: dialing, answering, hold, DTMF, hang-up, and their media. */
export class CallsFeature implements EngineFeature {
  readonly name = 'calls';
  readonly handlers: ReadonlyMap<string, Handler>;
  private context: FeatureContext | undefined;
  private readonly calls = new Map<string, Call>();
  /** Where each redirected outgoing call has been (RFC 3261 §8.1.3.4). */
  private readonly redirects = new WeakMap<Call, RedirectPlan>();
  private readonly transfer: CallTransfer;
  private readonly conference: CallConference;
  private readonly activity = new CallActivityWatch();

  constructor(private readonly options: CallsFeatureOptions) {
    const byId = (p: unknown): Call => this.call((p as { callId: string }).callId);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host's getter reads the feature
    const self = this;
    // Transfer and conference live in their own files and reach the calls through this host.
    const host: CallsHost = {
      ctx: () => this.ctx(),
      find: (id) => this.calls.get(id),
      all: () => this.calls.values(),
      dial: async (target, headers) => this.call((await this.dial(target, headers)).id),
      hangup: (call, reason) => this.hangup(call, reason),
      resume: (call) => this.setHold(call, false),
      changed: (call) => this.changed(call),
      get accountDomain() {
        return self.accountDomain();
      },
      ...(options.conferenceSink ? { conferenceSink: options.conferenceSink } : {}),
    };
    this.transfer = new CallTransfer(host);
    this.conference = new CallConference(host);
    this.handlers = new Map<string, Handler>([
      ['calls:list', () => [...this.calls.values()].map((c) => c.info())],
      ['calls:dial', (p) => this.dial((p as { target: string }).target)],
      ['calls:answer', (p) => this.answerSwitching(byId(p))],
      ['calls:decline', (p) => this.decline(byId(p))],
      ['calls:hangup', (p) => this.hangup(byId(p))],
      ['calls:hold', (p) => this.setHold(byId(p), true)],
      ['calls:resume', (p) => this.resumeSwitching(byId(p))],
      ['calls:mute', (p) => this.mute(byId(p), (p as { muted: boolean }).muted)],
      ['calls:send-dtmf', (p) => this.dtmf(byId(p), (p as { digits: string }).digits)],
      ...this.transfer.handlers,
      ...this.conference.handlers,
    ]);
  }

  /** Calls not yet ended (the updater never restarts during one). */
  get activeCount(): number {
    return [...this.calls.values()].filter((c) => !c.ended).length;
  }

  start(context: FeatureContext): void {
    this.context = context;
    context.ua.handle('INVITE', (request, tx) => void this.receiveInvite(request, tx as InviteServerTransaction));
    this.transfer.start();
  }

  async stop(): Promise<void> {
    this.conference.stop();
    await Promise.allSettled([...this.calls.values()].filter((c) => !c.ended).map((c) => this.hangup(c)));
    // Calls that ended on their own just now are committed while the store is open.
    flushEndedCalls(this.context);
    await this.transfer.stop();
  }

  /** Places a call; resolves at once with the call in `dialing`, then `calls:changed` tells the rest. */
  async dial(target: string, headers: HeaderInit = []): Promise<CallInfo> {
    const ctx = this.ctx();
    const uri = dialTarget(target, this.accountDomain());
    if (typeof uri === 'string') throw new EngineError('bad-target', uri);
    const call = new Call('outgoing', formatUri(uri), undefined);
    this.calls.set(call.id, call);
    call.media = await this.options.media({ localHost: ctx.ua.localHostFor(bareHost(uri.host)), events: this.mediaEvents(call), callId: call.id, nat: storedCallNat(ctx.store) });
    const offer = await call.media.createOffer();
    const request = ctx.ua.createRequest('INVITE', uri, { body: { data: offer, contentType: SDP }, headers });
    call.outgoing = new OutgoingInvite(ctx.ua, request, ctx.clock, (response) => {
      // RFC 5638 §4.1: early media is accepted but never generated; 180/183 both mean "ringing" here.
      if (response.status >= 180 && call.state === 'dialing') this.setState(call, 'ringing');
    });
    this.changed(call);
    void this.completeDial(call, call.outgoing);
    return call.info();
  }

  private async completeDial(call: Call, invite: OutgoingInvite): Promise<void> {
    const outcome = await invite.start().catch((err: Error) => ({ ok: false as const, error: err }));
    if (!('response' in outcome) || !outcome.ok) {
      if ('response' in outcome && (await this.followRedirect(call, invite, outcome.response))) return;
      if ('response' in outcome) await this.end(call, outcome.response.reason, outcome.response.status);
      else await this.end(call, `the call failed: ${outcome.error.message}`);
      return;
    }
    const session = outcome.session;
    if (call.ended) {
      // hung up while the 2xx was on its way: RFC 3261 §15, end the dialog we just got.
      await session.bye('hung up before the answer arrived');
      return;
    }
    call.session = session;
    this.attachSession(call, session);
    const accepted = await call.media!.acceptAnswer(outcome.response.body.toString('utf8'));
    if (!accepted.ok) {
      await session.bye(accepted.reason);
      await this.end(call, `the answer's media could not be used: ${accepted.reason}`);
      return;
    }
    call.answeredAt = Date.now();
    this.setState(call, 'connected');
    // ICE may have completed before the answer was in force (RFC 8839 §4.3.4)
    void sendIceUpdate(call, this.ctx().clock);
  }

  /** RFC 3261 §13.3: an incoming INVITE rings (or is refused), then waits for the user or auto-answer. */
  private async receiveInvite(request: SipRequest, tx: InviteServerTransaction): Promise<void> {
    const ctx = this.ctx();
    const invite = new IncomingInvite(ctx.ua, request, tx, ctx.clock);
    if (request.contact.length === 0) {
      invite.reject(400, { reason: 'Missing Contact header' });
      return;
    }
    // RFC 3891 §3: an INVITE with Replaces takes over one of our calls, or is refused.
    const replacing = this.transfer.replacing(request);
    if (replacing && !replacing.ok) {
      invite.reject(replacing.status, { reason: replacing.reason });
      return;
    }
    const decision = replacing ? RING : this.applyRules(invite);
    if (!decision) return;
    const call = new Call('incoming', formatUri(request.from.uri), request.from.displayName);
    call.incoming = invite;
    call.forwardedFrom = forwardedFrom(request);
    call.waiting = inOtherCall(this.calls.values(), call);
    this.calls.set(call.id, call);
    invite.onCancel(() => void this.end(call, 'the caller hung up before the answer', 487));
    try {
      call.media = await this.options.media({
        localHost: ctx.ua.localHostFor(tx.source.host, tx.source.transport),
        events: this.mediaEvents(call),
        callId: call.id,
        nat: storedCallNat(ctx.store),
        ...(request.body.length > 0 ? { offer: request.body.toString('utf8') } : {}),
      });
      if (request.body.length > 0) {
        if (request.contentType && `${request.contentType.type}/${request.contentType.subtype}` !== SDP) {
          invite.reject(415, { headers: [['Accept', SDP]] });
          await this.end(call, 'the call offered no SDP we can read', 415);
          return;
        }
        const answer = await call.media.answerOffer(request.body.toString('utf8'));
        if (!answer.ok) {
          invite.reject(answer.status, { reason: answer.reason, headers: answer.warning ? [['Warning', answer.warning]] : [] });
          await this.end(call, answer.reason, answer.status);
          return;
        }
        call.pendingBody = answer.sdp;
      } else {
        // RFC 3264 §5: no offer in the INVITE, so our 2xx carries the offer and the ACK the answer.
        call.pendingBody = await call.media.createOffer();
        call.offerInAnswer = true;
      }
    } catch (err) {
      invite.reject(500, { reason: 'Server Internal Error' });
      await this.end(call, `media could not start: ${(err as Error).message}`, 500);
      return;
    }
    if (!invite.pending) return; // cancelled while media was set up
    if (replacing) {
      // RFC 3891 §3: answered at once, without alerting; the replaced call then ends.
      await this.answer(call);
      await this.transfer.replaced(call, replacing.dialog);
      return;
    }
    if (decision.action === 'voicemail') {
      await this.toVoicemail(call, true);
      return;
    }
    invite.ring();
    this.changed(call);
    if (decision.action === 'ring' && decision.timeout) this.ringTimeout(call, decision.timeout);
  }

  async answer(call: Call): Promise<CallInfo> {
    if (call.direction !== 'incoming' || call.state !== 'incoming' || !call.incoming?.pending) {
      throw new EngineError('bad-state', 'Only a ringing incoming call can be answered');
    }
    call.timer?.cancel();
    const session = call.incoming.accept({ data: call.pendingBody ?? '', contentType: SDP });
    call.session = session;
    this.attachSession(call, session);
    call.answeredAt = Date.now();
    this.setState(call, 'connected');
    return call.info();
  }

  async decline(call: Call): Promise<CallInfo> {
    if (call.state !== 'incoming' || !call.incoming) throw new EngineError('bad-state', 'Only a ringing incoming call can be declined');
    // RFC 3261 §21.6.2: 603 Decline — the user does not want to take it.
    call.incoming.reject(603);
    await this.end(call, 'declined', 603);
    return call.info();
  }

  async hangup(call: Call, reason = 'hung up'): Promise<CallInfo> {
    if (call.ended) return call.info();
    if (call.state === 'incoming') return this.decline(call);
    if (call.session) {
      await call.session.bye(reason);
      await this.end(call, reason);
    } else if (call.outgoing) {
      call.outgoing.cancel();
      await this.end(call, 'cancelled');
    }
    return call.info();
  }

  private async setHold(call: Call, held: boolean): Promise<CallInfo> {
    const session = call.session;
    if (call.state !== 'connected' || !session || !call.media) throw new EngineError('bad-state', 'Only a connected call can be held or resumed');
    if (call.held === held) return call.info();
    const offer = await call.media.createHoldOffer(held);
    const response = await session.reinvite({ data: offer, contentType: SDP });
    if (response.status < 200 || response.status >= 300) {
      throw new EngineError('hold-failed', `The other side refused: ${response.status} ${response.reason}`);
    }
    const accepted = await call.media.acceptAnswer(response.body.toString('utf8'));
    if (!accepted.ok) throw new EngineError('hold-failed', accepted.reason);
    call.held = held;
    this.changed(call);
    return call.info();
  }

  private mute(call: Call, muted: boolean): CallInfo {
    if (call.ended || !call.media) throw new EngineError('bad-state', 'The call has ended');
    call.muted = muted;
    call.media.setMuted(muted);
    this.changed(call);
    return call.info();
  }

  private dtmf(call: Call, digits: string): CallInfo {
    if (call.state !== 'connected' || !call.media) throw new EngineError('bad-state', 'DTMF needs a connected call');
    try {
      call.media.sendDtmf(digits.toUpperCase());
    } catch (err) {
      // RFC 4733 §2.5.1: no telephone-event agreed with the peer, or a digit it does not take.
      throw new EngineError('dtmf-failed', (err as Error).message);
    }
    return call.info();
  }

  private attachSession(call: Call, session: InviteSession): void {
    session.delegate = {
      // RFC 3264 §8: the peer's re-offer (hold, resume, new address) is answered by the media.
      onReoffer: async (offer) => {
        const answer = await call.media!.answerOffer(offer.body.toString('utf8'));
        this.changed(call);
        return answer.ok ? { body: { data: answer.sdp, contentType: SDP } } : { status: answer.status, reason: answer.reason };
      },
      onEnded: (reason) => void this.end(call, reason.reason, reason.status),
      onAck: (ack) => {
        if (call.offerInAnswer && ack.body.length > 0) void this.acceptLateAnswer(call, session, ack.body.toString('utf8'));
      },
      onRequest: (request, tx) => this.inDialogRequest(call, request, tx),
    };
  }

  private inDialogRequest(call: Call, request: SipRequest, tx: ServerTransaction): boolean {
    return this.transfer.inDialogRequest(call, request, tx);
  }

  private async acceptLateAnswer(call: Call, session: InviteSession, sdp: string): Promise<void> {
    call.offerInAnswer = false;
    const accepted = await call.media!.acceptAnswer(sdp);
    if (!accepted.ok) {
      await session.bye(`the answer in the ACK could not be used: ${accepted.reason}`);
      await this.end(call, accepted.reason);
    }
  }

  private mediaEvents(call: Call): CallMediaEvents {
    return {
      onQuality: (q) => this.context?.emit('calls:quality', { callId: call.id, ...q }),
      onMediaPath: (p) => this.context?.emit('calls:media-path', { callId: call.id, ...p }),
      onDtmf: (digit, durationMs) => this.context?.emit('calls:dtmf', { callId: call.id, digit, durationMs }),
      onError: () => undefined,
      onFailed: (reason) => void this.failMedia(call, reason),
      onDefaultCandidateStale: () => void (this.context && sendIceUpdate(call, this.context.clock)),
    };
  }

  /** Ends a call whose media cannot work: BYE (or 488 / CANCEL before the answer), with the reason in the history. */
  private async failMedia(call: Call, reason: string): Promise<void> {
    if (call.ended) return;
    const why = `media failed: ${reason}`;
    if (call.session) await call.session.bye(why).catch(() => undefined);
    else if (call.incoming?.pending) call.incoming.reject(488, { reason: 'Not Acceptable Here' });
    else call.outgoing?.cancel();
    await this.end(call, why);
  }

  private async end(call: Call, reason: string, status?: number): Promise<void> {
    if (call.ended) return;
    call.timer?.cancel();
    call.state = 'ended';
    call.endedAt = Date.now();
    call.endReason = reason;
    if (status !== undefined) call.endStatus = status;
    const media: CallMedia | undefined = call.media;
    // A message left is committed (and announced) first, then the call's history.
    call.voicemail?.finish();
    // Committed to the history (with the other calls ending in this turn) before anyone hears that the call ended.
    await recordEndedCall(this.context, call.info());
    this.changed(call);
    this.calls.delete(call.id);
    this.refreshWaiting();
    await media?.close().catch(() => undefined);
  }

  private setState(call: Call, state: Call['state']): void {
    if (call.ended) return;
    call.state = state;
    this.changed(call);
    if (state === 'connected') this.refreshWaiting();
  }

  /**
   * RFC 5638 §3: the endpoint's rules meet the INVITE before it rings — forwarding by 302,
   * do not disturb and the limit of calls by 486 (RFC 3261 §21.4.24). Undefined when they
   * answered it; otherwise whether it rings or goes to voicemail.
   */
  private applyRules(invite: IncomingInvite): IncomingDecision | undefined {
    const rules = rulesFor(this.ctx().store.settings.load(), invite.request.to.uri);
    const decision = decideIncoming({
      voicemail: rules.voicemail,
      forwarding: rules.forwarding,
      dnd: rules.dnd,
      busy: userCallCount(this.calls.values()) >= (this.options.maxCalls ?? 4),
      voicemailFree: this.options.voicemail?.free ?? false,
      ...(this.options.autoAnswerSeconds !== undefined ? { autoAnswerSeconds: this.options.autoAnswerSeconds } : {}),
    });
    if (decision.action === 'forward') {
      if (!redirectInvite(invite, decision.target, decision.reason, this.accountDomain())) return RING;
      void recordEndedCall(this.context, refusedCall(invite, 302, `forwarded to ${decision.target}`));
      return undefined;
    }
    if (decision.action === 'busy') {
      invite.reject(486);
      void recordEndedCall(this.context, refusedCall(invite, 486, decision.why === 'dnd' ? 'do not disturb' : 'busy: at the limit of calls'));
      return undefined;
    }
    return decision;
  }

  /** The rules' timer on a ringing call: auto-answer, forward on no answer, or voicemail on no answer. */
  private ringTimeout(call: Call, timeout: RingTimeout): void {
    const ctx = this.ctx();
    const handle = ctx.clock.setTimeout(() => void this.ringTimedOut(call, timeout).catch(() => undefined), timeout.after * 1000);
    call.timer = { cancel: () => ctx.clock.clearTimeout(handle) };
  }

  private async ringTimedOut(call: Call, timeout: RingTimeout): Promise<void> {
    const invite = call.incoming;
    if (call.state !== 'incoming' || !invite?.pending) return;
    if (timeout.action === 'answer') await this.answer(call);
    else if (timeout.action === 'voicemail') await this.toVoicemail(call, false);
    else if (redirectInvite(invite, timeout.target, 'no-answer', this.accountDomain())) await this.end(call, `forwarded to ${timeout.target}`, 302);
  }

  /**
   * Answers the call for voicemail: greeting, beep, the caller's message. When voicemail
   * cannot take it, a call refused by the rules gets 486 and a ringing one rings on.
   */
  private async toVoicemail(call: Call, refusedOtherwise: boolean): Promise<void> {
    const voicemail = this.options.voicemail;
    const invite = call.incoming;
    if (!invite?.pending || call.state !== 'incoming') return;
    try {
      if (!voicemail?.free || !call.media) throw new Error('voicemail is not available');
      const rules = rulesFor(this.ctx().store.settings.load(), invite.request.to.uri);
      const link = voicemailCall(call, rules.account ?? formatUri(invite.request.to.uri), (reason) => void this.hangUpAs(call, reason));
      call.voicemail = voicemail.take(link, rules.voicemail);
    } catch {
      if (refusedOtherwise) {
        invite.reject(486);
        await this.end(call, 'busy: voicemail could not take the call', 486);
      }
      return;
    }
    call.waiting = false;
    await this.answer(call);
  }

  /** Ends a call from a service (voicemail's limits) with its reason in the BYE and the history. */
  private async hangUpAs(call: Call, reason: string): Promise<void> {
    if (call.ended || !call.session) return;
    await call.session.bye(reason);
    await this.end(call, reason);
  }

  /**
   * RFC 3261 §8.1.3.4: a 3xx to our INVITE is followed by the UA itself — a new INVITE to the
   * best Contact not tried yet, up to MAX_REDIRECTS hops (RFC 5638 §3.1). True when it handled
   * the response (followed it, or ended the call naming why it would not).
   */
  private async followRedirect(call: Call, invite: OutgoingInvite, response: SipResponse): Promise<boolean> {
    if (!isFollowableRedirect(response.status) || call.ended) return false;
    let plan = this.redirects.get(call);
    if (!plan) {
      plan = new RedirectPlan(invite.request.uri);
      this.redirects.set(call, plan);
    }
    const step = plan.next(response);
    if (!step.ok) {
      await this.end(call, step.reason, response.status);
      return true;
    }
    const ctx = this.ctx();
    const request = redirectedInvite(ctx.ua, invite.request, response, step.target);
    call.forwardedFrom = call.peer;
    call.peer = formatUri(step.target);
    call.state = 'dialing';
    call.outgoing = new OutgoingInvite(ctx.ua, request, ctx.clock, (r) => {
      if (r.status >= 180 && call.state === 'dialing') this.setState(call, 'ringing');
    });
    this.changed(call);
    void this.completeDial(call, call.outgoing);
    return true;
  }

  private refreshWaiting(): void {
    for (const c of this.calls.values()) {
      const waiting = c.state === 'incoming' && inOtherCall(this.calls.values(), c);
      if (c.waiting !== waiting) {
        c.waiting = waiting;
        this.changed(c);
      }
    }
  }

  /** Call waiting: taking the ringing call puts the connected ones on hold first (RFC 3264 §8.4). */
  private async answerSwitching(call: Call): Promise<CallInfo> {
    if (call.direction !== 'incoming' || call.state !== 'incoming' || !call.incoming?.pending) {
      throw new EngineError('bad-state', 'Only a ringing incoming call can be answered');
    }
    await this.holdOthers(call);
    return this.answer(call);
  }

  /** Switching between calls: resuming one holds the connected ones. */
  private async resumeSwitching(call: Call): Promise<CallInfo> {
    if (call.state === 'connected' && call.held) await this.holdOthers(call);
    return this.setHold(call, false);
  }

  private async holdOthers(keep: Call): Promise<void> {
    // A peer that refuses the hold does not stop the user from taking the other call.
    await Promise.allSettled(callsToHold(this.calls.values(), keep).map((c) => this.setHold(c, true)));
  }

  private changed(call: Call): void {
    this.conference.callChanged(call);
    this.transfer.callChanged(call);
    this.context?.emit('calls:changed', call.info());
    this.activity.update(this.calls.values());
  }

  /** Where typed numbers go: the configured domain, else the domain of the account we run as. */
  private accountDomain(): string | undefined {
    return this.options.accountDomain ?? (this.context && identityDomain(this.context.identity, this.context.ua.localUri));
  }

  /** Hears true when the user's first call is established and false when the last one ends (presence: on-the-phone). */
  watchCalls(listener: (inCall: boolean) => void): () => void {
    return this.activity.watch(listener);
  }

  private call(id: string): Call {
    const call = this.calls.get(id);
    if (!call) throw new EngineError('not-found', 'No such call (it may have ended)');
    return call;
  }

  private ctx(): FeatureContext {
    if (!this.context) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    return this.context;
  }
}
