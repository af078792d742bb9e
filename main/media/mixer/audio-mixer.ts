import type { Clock } from '../../lib/clock';
import { FRAME_SAMPLES, FrameScheduler, type AudioSink, type AudioSource } from '../audio';
import { FrameQueue } from './frame-queue';
import { mixMinusOne } from './mix-minus';

/** One party's side of the mixer, seen from its call: what to send it, and where its voice goes. */
export interface MixerPort {
  /** The mix for this party (everyone but itself); silence until the mixer has produced some. */
  readonly source: AudioSource;
  /** This party's voice as its call receives it. */
  readonly sink: AudioSink;
}

interface Party {
  readonly input: FrameQueue;
  readonly output: FrameQueue;
  muted: boolean;
}

/**
 * A local conference mixer at the device rate (48 kHz, 20 ms frames): every 20 ms it takes one
 * frame from each party and from the local microphone and gives each of them the N−1 mix
 * (everyone but themselves, soft-limited), so each call's media and the local speaker hear the
 * others. Parties are joined by queues, so calls whose media loops tick at other moments still
 * mix without drift; a party that sent nothing this round counts as silence.
 */
export class AudioMixer {
  private readonly parties = new Map<string, Party>();
  private readonly scheduler: FrameScheduler;
  private localInput: AudioSource | undefined;
  private localOutput: AudioSink | undefined;

  constructor(clock: Clock) {
    this.scheduler = new FrameScheduler(clock, () => this.mixRound());
  }

  get size(): number {
    return this.parties.size;
  }

  has(id: string): boolean {
    return this.parties.has(id);
  }

  /** Adds a party; its port goes to the party's call as source and sink. */
  addParty(id: string): MixerPort {
    if (this.parties.has(id)) throw new Error(`party ${id} is already in the mix`);
    const party: Party = { input: new FrameQueue(), output: new FrameQueue(), muted: false };
    this.parties.set(id, party);
    return {
      source: {
        read: () => party.output.shift() ?? new Int16Array(FRAME_SAMPLES),
        close: () => undefined,
      },
      sink: {
        write: (frame) => party.input.push(Int16Array.from(frame)),
        close: () => undefined,
      },
    };
  }

  removeParty(id: string): void {
    this.parties.delete(id);
  }

  /** A muted party still hears the others; nobody hears it. */
  setMuted(id: string, muted: boolean): void {
    const party = this.parties.get(id);
    if (party) party.muted = muted;
  }

  isMuted(id: string): boolean {
    return this.parties.get(id)?.muted ?? false;
  }

  /** The local user's microphone (borrowed: the mixer reads it but never closes it). */
  setLocalInput(source: AudioSource | undefined): void {
    this.localInput = source;
  }

  /** Where the local user hears every party (borrowed like the input). */
  setLocalOutput(sink: AudioSink | undefined): void {
    this.localOutput = sink;
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** One 20 ms round: a frame from everyone in, the N−1 mixes out. */
  mixRound(): void {
    const parties = [...this.parties.values()];
    const inputs: (Int16Array | null)[] = [this.localInput?.read() ?? null];
    for (const p of parties) {
      const frame = p.input.shift() ?? null;
      inputs.push(p.muted ? null : frame);
    }
    const mixes = mixMinusOne(inputs);
    this.localOutput?.write(mixes[0]!);
    parties.forEach((p, i) => p.output.push(mixes[i + 1]!));
  }
}
