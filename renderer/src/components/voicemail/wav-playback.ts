/**
 * Plays one WAV in memory through Web Audio. No URL is loaded, so it works under both
 * carriers' Content-Security-Policy (the web bridge allows no blob: media).
 */
export interface Playback {
  readonly playing: boolean;
  positionMs(): number;
  play(): Promise<void>;
  pause(): void;
  seek(ms: number): void;
  /** Called when playback reaches the end by itself. */
  onended: (() => void) | undefined;
  close(): void;
}

export type PlaybackFactory = (wav: Uint8Array, durationMs: number) => Playback;

class WebAudioPlayback implements Playback {
  playing = false;
  onended: (() => void) | undefined;
  private readonly ctx = new AudioContext();
  private buffer: Promise<AudioBuffer>;
  private source: AudioBufferSourceNode | undefined;
  /** Seconds into the message where the current run started, and the context time it started at. */
  private offset = 0;
  private startedAt = 0;

  constructor(
    wav: Uint8Array,
    private readonly durationMs: number,
  ) {
    this.buffer = this.ctx.decodeAudioData(wav.slice().buffer);
  }

  positionMs(): number {
    const s = this.playing ? this.offset + this.ctx.currentTime - this.startedAt : this.offset;
    return Math.min(this.durationMs, Math.max(0, s * 1000));
  }

  async play(): Promise<void> {
    if (this.playing) return;
    const buffer = await this.buffer;
    if (this.offset * 1000 >= this.durationMs - 10) this.offset = 0;
    await this.ctx.resume();
    const source = this.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(this.ctx.destination);
    source.onended = () => {
      if (this.source !== source) return;
      this.source = undefined;
      this.playing = false;
      this.offset = this.durationMs / 1000;
      this.onended?.();
    };
    this.source = source;
    this.startedAt = this.ctx.currentTime;
    this.playing = true;
    source.start(0, this.offset);
  }

  pause(): void {
    if (!this.playing) return;
    this.offset = this.positionMs() / 1000;
    this.stopSource();
  }

  seek(ms: number): void {
    const wasPlaying = this.playing;
    this.stopSource();
    this.offset = Math.min(this.durationMs, Math.max(0, ms)) / 1000;
    if (wasPlaying) void this.play();
  }

  close(): void {
    this.stopSource();
    void this.ctx.close().catch(() => undefined);
  }

  private stopSource(): void {
    const source = this.source;
    this.source = undefined;
    this.playing = false;
    source?.stop();
  }
}

/** The player's way to play; replaced in tests (jsdom has no Web Audio). */
export const playback: { create: PlaybackFactory } = {
  create: (wav, durationMs) => new WebAudioPlayback(wav, durationMs),
};
