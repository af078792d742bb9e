import type { Clock } from '../../lib/clock';
import { DelayEstimator } from './delay-estimator';
import { emptyJitterStats, type JitterStats } from './jitter-stats';
import { resolveJitterOptions, type JitterBufferOptions, type JitterDecoder, type ResolvedJitterOptions } from './jitter-options';
import { PcmFifo } from './pcm-fifo';
import { unwrap } from './sequence-unwrap';

/** The fields of an RTP packet the buffer needs (RtpPacket from main/media/rtp fits). */
export interface JitterPacket {
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly marker: boolean;
  readonly payload: Uint8Array;
}

/** One frame of output at the decoder's rate: decoded audio, concealment, or silence before and between streams. */
export interface JitterFrame {
  readonly pcm: Int16Array;
  readonly kind: 'audio' | 'concealed' | 'silence';
}

interface Entry {
  seq: number;
  ts: number;
  payload: Uint8Array;
}

/** Pulls averaged into the delay measure, and the window over which the low-water mark is taken. */
const LEVEL_WINDOW = 25;
/** A pending shrink waits this many pulls for a quiet frame, then drops one anyway. */
const FORCE_AFTER = 25;
/** Packets held at most, whatever the timestamps say. */
const MAX_PACKETS = 500;
/** Sequence numbers remembered after playout, to tell duplicates from late packets. */
const PLAYED_MEMORY = 64;

/**
 * An adaptive playout buffer for one RTP audio stream, driven by the injected clock: packets
 * go in as they arrive (push), one frame comes out per playout tick (pull). Packets are put in
 * timestamp order; duplicates and packets past their playout time are discarded. The delay
 * follows a percentile of recent transit delays within [minDelayMs, maxDelayMs]; lost frames
 * are concealed by the codec, from the next packet's FEC when it is there. Drift and delay
 * changes are absorbed by dropping or inserting a frame when the audio is quiet or concealed.
 * A marker bit after silence, a timestamp jump or a new SSRC restarts playout.
 */
export class JitterBuffer {
  readonly options: ResolvedJitterOptions;
  private readonly estimator: DelayEstimator;
  private readonly fifo = new PcmFifo();
  private readonly frameSamples: number;
  private readonly frameTs: number;
  private readonly tsPerSample: number;
  private readonly queue: Entry[] = [];
  private readonly played: number[] = [];
  private readonly counters: JitterStats = emptyJitterStats();
  private ssrc: number | undefined;
  private highSeq = 0;
  private highTs = 0;
  private playTs: number | undefined;
  private startAt = 0;
  private concealRun = 0;
  private avgSpareMs = 0;
  private lowWaterMs = Infinity;
  private pulls = 0;
  private pending: { kind: 'shrink' | 'grow'; since: number } | undefined;
  private lastQuiet = true;

  constructor(
    private readonly clock: Clock,
    private readonly decoder: JitterDecoder,
    options: JitterBufferOptions,
  ) {
    this.options = resolveJitterOptions(options);
    this.estimator = new DelayEstimator(this.options.window, this.options.percentile);
    this.frameSamples = Math.round((decoder.sampleRate * this.options.frameMs) / 1000);
    this.frameTs = Math.round((this.options.clockRate * this.options.frameMs) / 1000);
    this.tsPerSample = this.options.clockRate / decoder.sampleRate;
  }

  /** PCM samples in each pulled frame. */
  get samplesPerFrame(): number {
    return this.frameSamples;
  }

  get stats(): JitterStats {
    return { ...this.counters, delayMs: this.avgSpareMs, targetMs: this.targetDelayMs(), jitterMs: this.estimator.jitter };
  }

  /** The playout delay aimed for now, ms. */
  targetDelayMs(): number {
    const { minDelayMs, maxDelayMs } = this.options;
    return Math.min(maxDelayMs, Math.max(minDelayMs, this.estimator.spread()));
  }

  /** Takes one arriving packet. */
  push(packet: JitterPacket): void {
    const now = this.clock.now();
    if (this.ssrc !== packet.ssrc) {
      // RFC 3550 §8.2: a new SSRC is a new stream, with its own numbering and decoder state
      if (this.ssrc !== undefined) this.restart();
      this.ssrc = packet.ssrc;
      this.highSeq = packet.sequenceNumber;
      this.highTs = packet.timestamp;
    }
    const seq = unwrap(packet.sequenceNumber, this.highSeq, 16);
    const ts = unwrap(packet.timestamp, this.highTs, 32);
    const newer = seq > this.highSeq;
    if (this.playTs !== undefined && newer && this.isTimestampJump(ts, packet.marker)) this.resync(ts, now);
    if (this.playTs !== undefined && ts < this.playTs) {
      if (now < this.startAt) {
        this.playTs = ts; // still filling: an early packet that came second
      } else {
        if (this.played.includes(seq)) this.counters.duplicates++;
        else this.counters.late++;
        return;
      }
    }
    let at = this.queue.length;
    while (at > 0 && this.queue[at - 1]!.ts > ts) at--;
    if (this.holds(seq)) {
      this.counters.duplicates++;
      return;
    }
    this.queue.splice(at, 0, { seq, ts, payload: packet.payload });
    if (this.queue.length > MAX_PACKETS) this.queue.shift();
    if (newer) {
      this.highSeq = seq;
      this.highTs = Math.max(this.highTs, ts);
    }
    this.counters.received++;
    this.estimator.add(now, (ts * 1000) / this.options.clockRate);
    if (this.playTs === undefined) {
      this.playTs = ts;
      this.startAt = now + this.targetDelayMs();
    }
  }

  /** The next frame of audio, frameMs long at the decoder's rate. Call once per playout tick. */
  pull(): JitterFrame {
    const now = this.clock.now();
    if (this.playTs === undefined || now < this.startAt) return this.silence();
    this.measure();
    let concealed = false;
    let silent = true;
    let whole: Int16Array | undefined;
    while (this.fifo.length < this.frameSamples) {
      const unit = this.nextUnit();
      if (unit.kind === 'silence') {
        this.fifo.pushSilence(this.frameSamples - this.fifo.length);
        break;
      }
      silent = false;
      if (unit.kind === 'concealed') concealed = true;
      if (this.pending?.kind === 'shrink' && this.mayChange(unit, now)) {
        this.counters.dropped++;
        this.pending = undefined;
        this.resetWindow();
        continue;
      }
      if (this.fifo.length === 0 && unit.pcm.length === this.frameSamples) {
        whole = unit.pcm; // a unit of exactly one frame (the usual case) goes out as it is
        break;
      }
      this.fifo.push(unit.pcm);
    }
    const pcm = whole ?? this.fifo.take(this.frameSamples);
    return { pcm, kind: silent ? 'silence' : concealed ? 'concealed' : 'audio' };
  }

  /** Forgets the stream (call on hold, codec change or close). */
  reset(): void {
    this.restart(false);
    this.ssrc = undefined;
  }

  private silence(): JitterFrame {
    return { pcm: new Int16Array(this.frameSamples), kind: 'silence' };
  }

  /** A packet whose timestamp no longer fits the playout timeline. */
  private isTimestampJump(ts: number, marker: boolean): boolean {
    const playTs = this.playTs!;
    const maxTs = (this.options.maxDelayMs * this.options.clockRate) / 1000;
    if (ts < playTs - maxTs) return true; // the sender restarted its timestamps backwards
    if (ts > this.highTs + 2 * maxTs + 50 * this.frameTs) return true; // far ahead: a jump, not a gap
    // RFC 3551 §4.1: the marker starts a talk spurt; after silence, playout restarts at its delay
    const dry = this.queue.length === 0 && this.concealRun > 0;
    return dry && (marker || ts > playTs + maxTs);
  }

  private resync(ts: number, now: number): void {
    this.queue.length = 0;
    this.fifo.clear();
    this.playTs = ts;
    this.startAt = now + this.targetDelayMs();
    this.concealRun = 0;
    this.pending = undefined;
    this.resetWindow();
    this.counters.resyncs++;
  }

  private restart(counted = true): void {
    this.queue.length = 0;
    this.played.length = 0;
    this.fifo.clear();
    this.playTs = undefined;
    this.concealRun = 0;
    this.pending = undefined;
    this.resetWindow();
    this.estimator.reset();
    this.decoder.reset();
    if (counted) this.counters.resyncs++;
  }

  private resetWindow(): void {
    this.lowWaterMs = Infinity;
    this.pulls = 0;
  }

  /** Buffered audio beyond the frame about to play, and what to do about it. */
  private measure(): void {
    const last = this.queue[this.queue.length - 1];
    const queued = last ? last.ts + this.frameTs - this.playTs! : 0;
    const spareMs = (queued * 1000) / this.options.clockRate + (this.fifo.length * 1000) / this.decoder.sampleRate - this.options.frameMs;
    this.avgSpareMs += (spareMs - this.avgSpareMs) / 8;
    this.lowWaterMs = Math.min(this.lowWaterMs, spareMs);
    this.pulls++;
    const target = this.targetDelayMs();
    const frame = this.options.frameMs;
    if (spareMs > this.options.maxDelayMs + frame) {
      this.pending = { kind: 'shrink', since: -Infinity }; // over the bound: drop now
      return;
    }
    if (this.pending || this.pulls < LEVEL_WINDOW) return;
    if (this.lowWaterMs >= frame && this.avgSpareMs - frame >= target) this.pending = { kind: 'shrink', since: this.pulls };
    else if (this.avgSpareMs + frame / 2 < target) this.pending = { kind: 'grow', since: this.pulls };
    if (!this.pending) this.resetWindow();
  }

  /** Whether a drop or insert may happen on this unit: quiet or concealed audio, or waited long enough. */
  private mayChange(unit: JitterFrame, _now: number): boolean {
    if (unit.kind !== 'audio') return true;
    if (meanSquare(unit.pcm) < this.options.quietMeanSquare) return true;
    return this.pulls - (this.pending?.since ?? 0) >= FORCE_AFTER;
  }

  /** Decodes, conceals or stalls for the next stretch of audio; advances the playout timestamp. */
  private nextUnit(): JitterFrame {
    const playTs = this.playTs!;
    // a dry buffer stalls anyway, which is growth enough
    if (this.pending?.kind === 'grow' && this.queue.length > 0 && (this.lastQuiet || this.concealRun > 0)) {
      this.pending = undefined;
      this.resetWindow();
      this.counters.inserted++;
      return { pcm: this.safeConceal(), kind: 'concealed' };
    }
    while (this.queue.length > 0 && this.queue[0]!.ts < playTs) this.queue.shift(); // overtaken by concealment
    const head = this.queue[0];
    if (head && head.ts === playTs) {
      this.queue.shift();
      this.remember(head.seq);
      const pcm = this.safeDecode(head.payload);
      this.concealRun = 0;
      if (!pcm) {
        this.playTs = playTs + this.frameTs;
        return { pcm: this.safeConceal(), kind: 'concealed' };
      }
      this.playTs = playTs + Math.max(1, Math.round(pcm.length * this.tsPerSample));
      this.lastQuiet = meanSquare(pcm) < this.options.quietMeanSquare;
      return { pcm, kind: 'audio' };
    }
    if (head) {
      const gap = head.ts - playTs;
      if (gap < this.frameTs) {
        this.playTs = head.ts; // a packet that does not start on our frame grid: follow it
        return this.nextUnit();
      }
      this.playTs = playTs + this.frameTs;
      this.concealRun = 0;
      this.counters.lost++;
      // RFC 7587 §3.3: the next packet may carry this frame as in-band FEC
      if (gap === this.frameTs) {
        this.counters.recovered++;
        return { pcm: this.safeRecover(head.payload), kind: 'concealed' };
      }
      return { pcm: this.safeConceal(), kind: 'concealed' };
    }
    // Dry: the next packet is late or the sender went quiet. Stall, which lengthens the delay.
    if (this.concealRun >= this.options.maxConcealFrames) return this.silence();
    this.concealRun++;
    this.counters.underruns++;
    return { pcm: this.safeConceal(), kind: 'concealed' };
  }

  private holds(seq: number): boolean {
    for (let i = 0; i < this.queue.length; i++) if (this.queue[i]!.seq === seq) return true;
    return false;
  }

  private remember(seq: number): void {
    this.played.push(seq);
    if (this.played.length > PLAYED_MEMORY) this.played.shift();
  }

  // Payloads come from the network: a codec refusing one is a lost frame, never an exception.
  private safeDecode(payload: Uint8Array): Int16Array | undefined {
    try {
      const pcm = this.decoder.decode(payload);
      return pcm.length > 0 ? pcm : undefined;
    } catch {
      return undefined;
    }
  }

  private safeConceal(): Int16Array {
    try {
      return fit(this.decoder.conceal(this.frameSamples), this.frameSamples);
    } catch {
      return new Int16Array(this.frameSamples);
    }
  }

  private safeRecover(next: Uint8Array): Int16Array {
    try {
      return fit(this.decoder.recover(next, this.frameSamples), this.frameSamples);
    } catch {
      return this.safeConceal();
    }
  }
}

function fit(pcm: Int16Array, samples: number): Int16Array {
  if (pcm.length === samples) return pcm;
  const out = new Int16Array(samples);
  out.set(pcm.subarray(0, samples));
  return out;
}

function meanSquare(pcm: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += pcm[i]! * pcm[i]!;
  return pcm.length ? sum / pcm.length : 0;
}
