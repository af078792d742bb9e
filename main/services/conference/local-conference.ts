import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { AudioSink, AudioSource } from '../../media/audio';
import { AudioMixer, type MixerPort } from '../../media/mixer';
import { ConferenceError } from './errors';

/** Remote parties in one local conference, besides the local user. */
export const MAX_CONFERENCE_PARTIES = 8;

/** A call as the conference sees it: audio it can take over and give back. */
export interface ConferenceMember {
  /** Sends `port.source` and delivers what it receives to `port.sink`; undefined gives the call its own audio back. */
  routeAudio(port: MixerPort | undefined): void;
  /** The local microphone as this call would send it on its own. */
  readonly localSource: AudioSource;
  /** The local speaker as this call would play into it on its own (none in headless mode). */
  readonly localSink?: AudioSink;
}

/**
 * A conference mixed in the endpoint (RFC 5638 §3: no conference server): the calls' audio runs
 * through one mixer, each party hears everyone but itself, the local user hears everyone.
 */
export class LocalConference {
  readonly id = randomUUID();
  private readonly members = new Map<string, ConferenceMember>();
  private readonly mixer: AudioMixer;

  /** `localOutput`: where the local user hears everyone when no call brings a speaker; closed when the conference ends. */
  constructor(
    clock: Clock,
    private readonly localOutput?: AudioSink,
  ) {
    this.mixer = new AudioMixer(clock);
    if (localOutput) this.mixer.setLocalOutput(localOutput);
  }

  get size(): number {
    return this.members.size;
  }

  get ids(): string[] {
    return [...this.members.keys()];
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  add(id: string, member: ConferenceMember): void {
    if (this.members.has(id)) throw new ConferenceError('already-in-conference', 'The call is in the conference already');
    if (this.members.size >= MAX_CONFERENCE_PARTIES) {
      throw new ConferenceError('conference-full', `A conference holds at most ${MAX_CONFERENCE_PARTIES} parties`);
    }
    this.members.set(id, member);
    member.routeAudio(this.mixer.addParty(id));
    this.pickMicrophone();
    this.mixer.start();
  }

  /** Takes a party out; its call gets its own audio back. */
  remove(id: string): void {
    const member = this.members.get(id);
    if (!member) return;
    this.members.delete(id);
    this.mixer.removeParty(id);
    member.routeAudio(undefined);
    this.pickMicrophone();
    if (this.members.size === 0) this.mixer.stop();
  }

  setMuted(id: string, muted: boolean): void {
    if (!this.members.has(id)) throw new ConferenceError('not-in-conference', 'The call is not in the conference');
    this.mixer.setMuted(id, muted);
  }

  isMuted(id: string): boolean {
    return this.mixer.isMuted(id);
  }

  /** Gives every call its own audio back and stops mixing. */
  close(): void {
    for (const id of this.ids) this.remove(id);
    this.mixer.stop();
    this.mixer.setLocalOutput(undefined);
    this.localOutput?.close();
  }

  /** Every call carries the same microphone and speaker; the mixer uses them through the first party still here. */
  private pickMicrophone(): void {
    const first = this.members.values().next();
    this.mixer.setLocalInput(first.done ? undefined : first.value.localSource);
    this.mixer.setLocalOutput((first.done ? undefined : first.value.localSink) ?? this.localOutput);
  }
}
