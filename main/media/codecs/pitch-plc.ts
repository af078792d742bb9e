// Packet-loss concealment by pitch-period repetition, after ITU-T G.711 Appendix I:
// estimate the pitch from the last 20 ms, repeat the last period (two after 10 ms, three
// after 20 ms of loss), fade 20 % per 10 ms after the first 10 ms, silence after 60 ms, and
// cross-fade back into real speech on the first good frame. Without Appendix I's 3.75 ms
// output delay: the repetition starts one period back, which continues a periodic signal.

const PITCH_MIN_MS = 5; // App. I: 200 Hz
const PITCH_MAX_MS = 15; // App. I: 66 Hz
const CORR_MS = 20;
const FADE_START_MS = 10;
const SILENT_AFTER_MS = 60;

export class PitchPlc {
  private readonly pitchMin: number;
  private readonly pitchMax: number;
  private readonly corrLen: number;
  private readonly history: Int16Array;
  private filled = 0;
  private readonly msToSamples: number;

  private lostSamples = 0;
  private pitch = 0;
  private periods = 1;
  private cursor = 0;
  private pitchBuffer = new Float32Array(0);

  constructor(readonly sampleRate: number) {
    this.msToSamples = sampleRate / 1000;
    this.pitchMin = Math.round(PITCH_MIN_MS * this.msToSamples);
    this.pitchMax = Math.round(PITCH_MAX_MS * this.msToSamples);
    this.corrLen = Math.round(CORR_MS * this.msToSamples);
    this.history = new Int16Array(this.corrLen + this.pitchMax * 3);
  }

  /** Passes a decoded good frame through: blends it with the concealment after a loss. */
  received(pcm: Int16Array): Int16Array {
    if (this.lostSamples > 0) {
      // App. I: overlap 4 ms, plus 4 ms per extra 10 ms lost, at most 10 ms.
      const extra = Math.floor(this.lostSamples / (10 * this.msToSamples)) - 1;
      const overlap = Math.min(pcm.length, Math.round(Math.min(10, 4 + 4 * Math.max(0, extra)) * this.msToSamples));
      const tail = this.synthesize(overlap);
      for (let i = 0; i < overlap; i++) {
        const w = (i + 1) / (overlap + 1);
        pcm[i] = Math.round(tail[i]! * (1 - w) + pcm[i]! * w);
      }
      this.lostSamples = 0;
    }
    this.remember(pcm);
    return pcm;
  }

  /** Produces `samples` samples standing in for lost audio. */
  conceal(samples: number): Int16Array {
    if (this.lostSamples === 0) this.startErasure();
    const out = this.synthesize(samples);
    const pcm = new Int16Array(samples);
    for (let i = 0; i < samples; i++) pcm[i] = Math.round(out[i]!);
    this.remember(pcm);
    return pcm;
  }

  reset(): void {
    this.history.fill(0);
    this.filled = 0;
    this.lostSamples = 0;
  }

  private remember(pcm: Int16Array): void {
    const h = this.history;
    if (pcm.length >= h.length) {
      h.set(pcm.subarray(pcm.length - h.length));
    } else {
      h.copyWithin(0, pcm.length);
      h.set(pcm, h.length - pcm.length);
    }
    this.filled = Math.min(h.length, this.filled + pcm.length);
  }

  private startErasure(): void {
    this.pitch = this.filled >= this.corrLen + this.pitchMax ? this.estimatePitch() : this.pitchMax;
    const h = this.history;
    const span = 3 * this.pitch;
    this.pitchBuffer = Float32Array.from(h.subarray(h.length - span));
    this.periods = 1;
    this.cursor = 0;
  }

  /** App. I: the lag maximizing normalized correlation of the last 20 ms with the past. */
  private estimatePitch(): number {
    const h = this.history;
    const end = h.length;
    const start = end - this.corrLen;
    let best = this.pitchMax;
    let bestScore = -Infinity;
    for (let lag = this.pitchMin; lag <= this.pitchMax; lag++) {
      let cross = 0;
      let energy = 0;
      for (let i = start; i < end; i++) {
        const past = h[i - lag]!;
        cross += h[i]! * past;
        energy += past * past;
      }
      const score = energy > 0 ? cross / Math.sqrt(energy) : 0;
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    return best;
  }

  private synthesize(samples: number): Float32Array {
    const out = new Float32Array(samples);
    const buf = this.pitchBuffer;
    const fadeStart = FADE_START_MS * this.msToSamples;
    const silentAt = SILENT_AFTER_MS * this.msToSamples;
    for (let i = 0; i < samples; i++) {
      const t = this.lostSamples;
      // App. I: widen the repeated stretch to two, then three periods, to avoid buzz.
      const wanted = t >= 2 * fadeStart ? 3 : t >= fadeStart ? 2 : 1;
      if (wanted !== this.periods && this.cursor % this.pitch === 0) this.periods = wanted;
      const len = this.periods * this.pitch;
      const value = buf[buf.length - len + (this.cursor % len)] ?? 0;
      this.cursor = (this.cursor + 1) % (6 * this.pitch); // a multiple of every stretch length
      const gain = t < fadeStart ? 1 : Math.max(0, 1 - (0.2 * (t - fadeStart)) / fadeStart);
      out[i] = t >= silentAt ? 0 : value * gain;
      this.lostSamples++;
    }
    return out;
  }
}
