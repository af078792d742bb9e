import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AudioSpecError,
  dominantFrequency,
  FRAME_SAMPLES,
  NullSink,
  openSource,
  parseSourceSpec,
  readWavFile,
  rmsDbfs,
  SilenceSource,
  ToneSource,
  WavFileSink,
  WavFileSource,
  writeWavFile,
  type AudioSource,
} from '../../../main/media/audio';
import { tempDir } from '../../helpers/temp-dir';
import { sine } from './signals';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/audio');

function readAll(source: AudioSource, max = 1000): Int16Array[] {
  const frames: Int16Array[] = [];
  for (let frame = source.read(); frame && frames.length < max; frame = source.read()) frames.push(frame);
  return frames;
}

function join(frames: Int16Array[]): Int16Array {
  const out = new Int16Array(frames.length * FRAME_SAMPLES);
  frames.forEach((f, i) => out.set(f, i * FRAME_SAMPLES));
  return out;
}

describe('ToneSource and SilenceSource', () => {
  it('gives 20 ms frames of a phase-continuous tone at the asked level', () => {
    const tone = new ToneSource(880, { levelDbfs: -12 });
    const frames = Array.from({ length: 10 }, () => tone.read());
    expect(frames.every((f) => f.length === 960)).toBe(true);
    const all = join(frames);
    expect(Math.abs(dominantFrequency(all, 48000) - 880)).toBeLessThan(0.5);
    expect(rmsDbfs(all)).toBeCloseTo(-12 - 3.01, 1); // −12 dBFS peak is −15 dBFS RMS
    let worst = 0;
    for (let i = 1; i < all.length; i++) worst = Math.max(worst, Math.abs(all[i]! - all[i - 1]!));
    expect(worst).toBeLessThanOrEqual(Math.ceil(2 * Math.PI * (880 / 48000) * 32767 * 10 ** (-12 / 20)) + 1);
    expect(() => new ToneSource(30000)).toThrow(RangeError);
  });

  it('silence never ends and is all zeros', () => {
    const s = new SilenceSource();
    expect(readAll(s, 5).every((f) => f.length === 960 && f.every((v) => v === 0))).toBe(true);
    s.close();
  });
});

describe('WavFileSource', () => {
  it('resamples a 16 kHz stereo file written by sox to 48 kHz mono, keeping pitch and level', () => {
    const file = path.join(FIXTURES, 'tone-440hz-16k-stereo.wav');
    const frames = readAll(new WavFileSource(file));
    expect(frames).toHaveLength(5); // 100 ms
    const pcm = join(frames);
    expect(Math.abs(dominantFrequency(pcm.subarray(960, 3840), 48000) - 440)).toBeLessThan(1);
    const source = readWavFile(file);
    const left = source.samples.filter((_, i) => i % 2 === 0);
    expect(Math.abs(rmsDbfs(pcm.subarray(960, 3840)) - rmsDbfs(left.subarray(320, 1280)))).toBeLessThan(0.2);
  });

  it('ends after the last frame, padded with silence, unless it loops', () => {
    const file = path.join(tempDir(), 'short.wav');
    writeWavFile(file, { sampleRate: 48000, channels: 1, samples: sine(1500, 48000, 1000, 5000) });
    const once = readAll(new WavFileSource(file));
    expect(once).toHaveLength(2);
    expect(once[1]!.subarray(540).every((v) => v === 0)).toBe(true);
    const looping = new WavFileSource(file, { loop: true });
    const frames = readAll(looping, 10);
    expect(frames).toHaveLength(10);
    expect(frames[1]![540]).toBe(sine(1500, 48000, 1000, 5000)[0]); // the loop restarts right after the end
    looping.close();
    expect(looping.read()).toBeNull();
  });

  it('loops a file at another rate without a gap', () => {
    const file = path.join(tempDir(), 'loop8k.wav');
    writeWavFile(file, { sampleRate: 8000, channels: 1, samples: sine(800, 8000, 500, 8000) }); // whole periods
    const pcm = join(readAll(new WavFileSource(file, { loop: true }), 20));
    let worst = 0;
    for (let i = 1000; i < pcm.length; i++) worst = Math.max(worst, Math.abs(pcm[i]! - pcm[i - 1]!));
    expect(worst).toBeLessThanOrEqual(2 * Math.PI * (500 / 48000) * 8000 * 1.05);
  });
});

describe('WavFileSink', () => {
  it('records frames at 48 kHz or resampled to a lower rate', () => {
    const dir = tempDir();
    const tone = new ToneSource(1000);
    const full = new WavFileSink(path.join(dir, 'full.wav'));
    const narrow = new WavFileSink(path.join(dir, 'narrow.wav'), { sampleRate: 8000 });
    for (let k = 0; k < 25; k++) {
      const frame = tone.read();
      full.write(frame);
      narrow.write(frame);
    }
    full.close();
    narrow.close();
    const a = readWavFile(path.join(dir, 'full.wav'));
    const b = readWavFile(path.join(dir, 'narrow.wav'));
    expect([a.sampleRate, a.samples.length]).toEqual([48000, 24000]);
    expect([b.sampleRate, b.samples.length]).toEqual([8000, 4000]);
    expect(Math.abs(dominantFrequency(b.samples.subarray(2000, 2800), 8000) - 1000)).toBeLessThan(1);
    expect(Math.abs(rmsDbfs(b.samples.subarray(1000)) - rmsDbfs(a.samples.subarray(6000)))).toBeLessThan(0.1);
  });
});

describe('NullSink', () => {
  it('counts and drops frames', () => {
    const sink = new NullSink();
    sink.write(new Int16Array(960));
    sink.write(new Int16Array(960));
    sink.close();
    expect(sink.frames).toBe(2);
  });
});

describe('source specs', () => {
  it('parses FILE.wav, tone:HZ and silence', () => {
    expect(parseSourceSpec('tone:880')).toEqual({ kind: 'tone', frequency: 880 });
    expect(parseSourceSpec(' TONE:440.5 ')).toEqual({ kind: 'tone', frequency: 440.5 });
    expect(parseSourceSpec('silence')).toEqual({ kind: 'silence' });
    expect(parseSourceSpec('/tmp/My Call.WAV')).toEqual({ kind: 'file', path: '/tmp/My Call.WAV' });
  });

  it.each(['', 'tone:', 'tone:abc', 'tone:0', 'tone:30000', 'tone:-5', 'music.mp3'])('rejects %j with a reason', (spec) => {
    expect(() => parseSourceSpec(spec)).toThrow(AudioSpecError);
  });

  it('opens the source a spec names', () => {
    expect(openSource('silence')).toBeInstanceOf(SilenceSource);
    const tone = openSource('tone:880', { toneLevelDbfs: -6 });
    expect(Math.abs(dominantFrequency(tone.read()!, 48000) - 880)).toBeLessThan(1);
    expect(openSource(path.join(FIXTURES, 'tone-440hz-16k-stereo.wav'))).toBeInstanceOf(WavFileSource);
    expect(() => openSource(path.join(FIXTURES, 'missing.wav'))).toThrow(/ENOENT/);
  });
});
