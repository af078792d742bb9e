import type { CallInfo } from '../../../shared/ipc';
import { ConferenceError, LocalConference, MAX_CONFERENCE_PARTIES } from '../../services/conference';
import { EngineError, type Handler } from '../dispatch';
import type { Call } from './call';
import type { CallsHost } from './transfer-host';

/**
 * The endpoint's local conference (RFC 5638 §3): connected calls merged into one mix, held ones
 * resumed first; per-party mute and drop; when one party is left its call goes back to being a
 * plain call. One conference at a time: the local user has one microphone.
 */
export class CallConference {
  readonly handlers: ReadonlyMap<string, Handler>;
  private conference: LocalConference | undefined;

  constructor(private readonly host: CallsHost) {
    this.handlers = new Map<string, Handler>([
      ['calls:merge', (p) => this.merge((p as { callIds: string[] }).callIds)],
      ['calls:conference-mute', (p) => this.mute((p as { callId: string }).callId, (p as { muted: boolean }).muted)],
      ['calls:conference-drop', (p) => this.drop((p as { callId: string }).callId)],
    ]);
  }

  /** Merges the calls (and any conference one of them is in) into the local conference. */
  async merge(callIds: string[]): Promise<CallInfo[]> {
    const calls = [...new Set(callIds)].map((id) => this.member(id));
    for (const call of calls) {
      if (call.state !== 'connected' || !call.media || !call.session?.active) throw new EngineError('bad-state', 'Only connected calls can be merged');
      if (call.voicemail) throw new EngineError('bad-state', 'A call taken by voicemail cannot join a conference');
    }
    const joining = calls.filter((c) => !this.conference?.has(c.id));
    const total = (this.conference?.size ?? 0) + joining.length;
    if (total < 2) throw new EngineError('bad-state', 'A conference needs at least two calls');
    if (total > MAX_CONFERENCE_PARTIES) throw new EngineError('conference-full', `A conference holds at most ${MAX_CONFERENCE_PARTIES} parties`);
    for (const call of joining) if (call.held) await this.host.resume(call);
    const conference = (this.conference ??= new LocalConference(this.host.ctx().clock, this.host.conferenceSink?.()));
    for (const call of joining) {
      if (call.ended || !call.media) continue;
      try {
        conference.add(call.id, call.media);
      } catch (err) {
        if (err instanceof ConferenceError) throw new EngineError(err.code, err.message);
        throw err;
      }
      call.conferenceId = conference.id;
      call.conferenceMuted = false;
      this.host.changed(call);
    }
    this.dissolveIfAlone();
    return this.membersInfo();
  }

  mute(callId: string, muted: boolean): CallInfo {
    const call = this.inConference(callId);
    this.conference!.setMuted(call.id, muted);
    call.conferenceMuted = muted;
    this.host.changed(call);
    return call.info();
  }

  /** Hangs up one party; the others go on. */
  async drop(callId: string): Promise<CallInfo> {
    const call = this.inConference(callId);
    await this.host.hangup(call, 'dropped from the conference');
    return call.info();
  }

  /** An ended call leaves the conference. */
  callChanged(call: Call): void {
    if (!call.ended || !this.conference?.has(call.id)) return;
    this.leave(call);
    this.dissolveIfAlone();
  }

  stop(): void {
    this.conference?.close();
    this.conference = undefined;
  }

  private leave(call: Call): void {
    this.conference?.remove(call.id);
    call.conferenceId = undefined;
    call.conferenceMuted = false;
  }

  /** One party left: its call is a plain call again. */
  private dissolveIfAlone(): void {
    const conference = this.conference;
    if (!conference || conference.size > 1) return;
    const rest = conference.ids.map((id) => this.host.find(id)).filter((c): c is Call => c !== undefined);
    conference.close();
    this.conference = undefined;
    for (const call of rest) {
      call.conferenceId = undefined;
      call.conferenceMuted = false;
      this.host.changed(call);
    }
  }

  private membersInfo(): CallInfo[] {
    return (this.conference?.ids ?? []).map((id) => this.host.find(id)).filter((c): c is Call => c !== undefined).map((c) => c.info());
  }

  private member(id: string): Call {
    const call = this.host.find(id);
    if (!call) throw new EngineError('not-found', 'No such call (it may have ended)');
    return call;
  }

  private inConference(id: string): Call {
    const call = this.member(id);
    if (!this.conference?.has(call.id)) throw new EngineError('not-in-conference', 'The call is not in the conference');
    return call;
  }
}
