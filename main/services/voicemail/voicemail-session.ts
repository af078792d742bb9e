import type { VoicemailEntry, VoicemailSettings } from '../../../shared/ipc';
import { WavFileSource, type AudioSink, type AudioSource } from '../../media/audio';
import { beep, defaultGreeting } from './default-greeting';
import { MessageRecorder } from './message-recorder';
import { SequenceSource } from './sequence-source';
import type { VoicemailBox } from './voicemail-box';

/** What the voicemail needs from the call it took: its audio both ways and a way to end it. */
export interface VoicemailCall {
  readonly callId: string;
  readonly caller: string;
  readonly callerName?: string;
  readonly account?: string;
  readonly forwardedFrom?: string;
  /** Replaces what the caller hears. */
  play(source: AudioSource): void;
  /** Replaces where the caller's audio goes. */
  listen(sink: AudioSink): void;
  /** Ends the call from our side (BYE). */
  hangUp(reason: string): void;
}

export type VoicemailPhase = 'greeting' | 'recording' | 'done';

/**
 * One caller leaving a message: greeting (the user's or the built-in one), beep, then the
 * caller recorded to Ogg Opus until they hang up, the length limit, or a long silence.
 */
export class VoicemailSession {
  private phase: VoicemailPhase = 'greeting';
  private recorder: MessageRecorder | undefined;
  private recordingStartedAt = 0;
  private recordingFile = '';

  constructor(
    private readonly box: VoicemailBox,
    private readonly call: VoicemailCall,
    private readonly settings: VoicemailSettings,
    private readonly clockNow: () => number = Date.now,
  ) {}

  get state(): VoicemailPhase {
    return this.phase;
  }

  /** Starts the greeting; recording follows by itself. */
  start(): void {
    const greeting = this.box.customGreeting() ?? defaultGreeting();
    const sources: AudioSource[] = [new WavFileSource(greeting), new WavFileSource(beep())];
    this.call.play(new SequenceSource(sources, () => this.startRecording()));
  }

  /**
   * The call ended (either side): a message with sound in it is completed and committed;
   * resolves with the stored entry, or undefined when nothing was left.
   */
  finish(): VoicemailEntry | undefined {
    if (this.phase === 'done') return undefined;
    const wasRecording = this.phase === 'recording';
    this.phase = 'done';
    const recorder = this.recorder;
    if (!wasRecording || !recorder) return undefined;
    if (!recorder.voiced) {
      recorder.abort();
      return undefined;
    }
    const { bytes, durationMs } = recorder.finish();
    return this.box.save({
      callId: this.call.callId,
      caller: this.call.caller,
      ...(this.call.callerName !== undefined ? { callerName: this.call.callerName } : {}),
      ...(this.call.account !== undefined ? { account: this.call.account } : {}),
      ...(this.call.forwardedFrom !== undefined ? { forwardedFrom: this.call.forwardedFrom } : {}),
      receivedAt: this.recordingStartedAt,
      durationMs,
      audioBytes: bytes,
      file: this.recordingFile,
    });
  }

  /** Drops a recording in progress (the engine is failing). */
  abort(): void {
    this.phase = 'done';
    this.recorder?.abort();
  }

  private startRecording(): void {
    if (this.phase !== 'greeting') return;
    this.recordingFile = this.box.newRecordingPath(this.call.callId);
    try {
      this.recorder = new MessageRecorder({
        file: this.recordingFile,
        maxMs: this.settings.maxSeconds * 1000,
        silenceMs: this.settings.silenceSeconds * 1000,
        onLimit: (why) => this.call.hangUp(why === 'silence' ? 'voicemail: the caller stayed silent' : 'voicemail: the message reached its length limit'),
      });
    } catch {
      this.phase = 'done';
      this.call.hangUp('voicemail: the recording could not be started');
      return;
    }
    this.phase = 'recording';
    this.recordingStartedAt = this.clockNow();
    this.call.listen(this.recorder);
  }
}
