import { rmsDbfs, type AudioSink } from '../../media/audio';
import { OggOpusWriter } from './ogg-opus-writer';

/** Quieter than this (RMS per 20 ms frame) counts as silence: line noise, comfort noise, concealment. */
export const SILENCE_DBFS = -50;

export interface MessageRecorderOptions {
  file: string;
  maxMs: number;
  silenceMs: number;
  /** Called once when the limit or the silence ends the message (not on finish()/abort()). */
  onLimit: (why: 'max-length' | 'silence') => void;
}

/** What the caller says after the beep, to Ogg Opus, with the length and silence limits. */
export class MessageRecorder implements AudioSink {
  private readonly writer: OggOpusWriter;
  private silentMs = 0;
  private heardVoice = false;
  private stopped = false;

  constructor(private readonly options: MessageRecorderOptions) {
    this.writer = new OggOpusWriter(options.file);
  }

  get durationMs(): number {
    return this.writer.durationMs;
  }

  /** Whether the caller made any sound above the silence level. */
  get voiced(): boolean {
    return this.heardVoice;
  }

  write(frame: Int16Array): void {
    if (this.stopped) return;
    this.writer.write(frame);
    const silent = rmsDbfs(frame) < SILENCE_DBFS;
    if (silent) this.silentMs += 20;
    else {
      this.silentMs = 0;
      this.heardVoice = true;
    }
    if (this.writer.durationMs >= this.options.maxMs) this.limit('max-length');
    else if (this.silentMs >= this.options.silenceMs) this.limit('silence');
  }

  /** The media session closes its sink when the call ends; finish() decides what is kept. */
  close(): void {
    this.stopped = true;
  }

  /** Completes the file (synced, renamed into place). */
  finish(): { bytes: number; durationMs: number } {
    this.stopped = true;
    return this.writer.finish();
  }

  abort(): void {
    this.stopped = true;
    this.writer.abort();
  }

  private limit(why: 'max-length' | 'silence'): void {
    this.stopped = true;
    queueMicrotask(() => this.options.onLimit(why));
  }
}
