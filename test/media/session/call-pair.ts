import { MediaSession, type MediaSessionOptions, type MediaSessionListener, type QualityReport, type MediaPathFacts, type MediaSessionError } from '../../../main/media/session';
import { ToneSource, type AudioSink } from '../../../main/media/audio';
import type { DtmfDigitEvent } from '../../../main/media/dtmf';
import { afterEach, expect } from 'vitest';

/** Keeps every frame written to it. */
export class CaptureSink implements AudioSink {
  readonly frames: Int16Array[] = [];
  closed = false;
  write(frame: Int16Array): void {
    this.frames.push(Int16Array.from(frame));
  }
  close(): void {
    this.closed = true;
  }
  /** The last `ms` milliseconds (48 kHz). */
  tail(ms: number): Int16Array {
    const frames = this.frames.slice(-Math.round(ms / 20));
    const out = new Int16Array(frames.length * 960);
    frames.forEach((f, i) => out.set(f, i * 960));
    return out;
  }
}

/** Everything a listener heard. */
export class Events implements MediaSessionListener {
  readonly quality: QualityReport[] = [];
  readonly dtmf: DtmfDigitEvent[] = [];
  readonly paths: MediaPathFacts[] = [];
  readonly errors: MediaSessionError[] = [];
  onQuality(r: QualityReport): void {
    this.quality.push(r);
  }
  onDtmf(d: DtmfDigitEvent): void {
    this.dtmf.push(d);
  }
  onMediaPath(p: MediaPathFacts): void {
    this.paths.push(p);
  }
  onError(e: MediaSessionError): void {
    this.errors.push(e);
  }
}

export interface Side {
  session: MediaSession;
  received: CaptureSink;
  events: Events;
  tone: number;
}

const open: MediaSession[] = [];

export async function side(tone: number, options: Partial<MediaSessionOptions> = {}): Promise<Side> {
  const received = new CaptureSink();
  const events = new Events();
  const session = await MediaSession.create({ bindHost: '127.0.0.1', source: new ToneSource(tone), listener: events, ...options });
  session.startRecording(received);
  open.push(session);
  return { session, received, events, tone };
}

/** Two sessions; A offers, B answers, A applies (optionally passing each SDP through `edit`). */
export async function callPair(
  options: Partial<MediaSessionOptions> & { a?: Partial<MediaSessionOptions>; b?: Partial<MediaSessionOptions> } = {},
  edit: { offer?: (sdp: string) => string; answer?: (sdp: string) => string } = {},
): Promise<{ a: Side; b: Side }> {
  const { a: aOptions, b: bOptions, ...common } = options;
  const a = await side(440, { ...common, ...aOptions });
  const b = await side(1000, { ...common, ...bOptions });
  const offer = a.session.createOffer();
  const answer = b.session.createAnswer(edit.offer ? edit.offer(offer) : offer);
  if (!answer.ok) throw new Error(`answer refused: ${answer.status} ${answer.reason}`);
  const applied = a.session.applyAnswer(edit.answer ? edit.answer(answer.sdp) : answer.sdp);
  if (!applied.ok) throw applied.error;
  return { a, b };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The received audio carries the peer's tone at about its level: the dominant frequency of the
 * whole stretch, and the median level of its 100 ms pieces (robust to a frame concealed when
 * the shared test machine stalls the event loop).
 */
export function expectTone(samples: Int16Array, frequency: number, analysis: { dominantFrequency: (s: Int16Array, r: number) => number; toneDbfs: (s: Int16Array, r: number, f: number) => number }): void {
  expect(Math.abs(analysis.dominantFrequency(samples, 48000) - frequency)).toBeLessThan(15);
  const levels: number[] = [];
  for (let i = 0; i + 4800 <= samples.length; i += 4800) levels.push(analysis.toneDbfs(samples.subarray(i, i + 4800), 48000, frequency));
  levels.sort((x, y) => x - y);
  const median = levels[Math.floor(levels.length / 2)]!;
  // ToneSource plays at −12 dBFS, which reads −15 dBFS as RMS
  expect(median).toBeGreaterThan(-19);
  expect(median).toBeLessThan(-12);
}

/** Polls until `check` holds, or fails after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return;
    await sleep(50);
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
