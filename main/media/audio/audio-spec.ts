import type { AudioSource } from './audio-source';
import { AudioSpecError } from './errors';
import { SilenceSource } from './silence-source';
import { ToneSource } from './tone-source';
import { WavFileSource } from './wav-file-source';

/** A parsed `--play` value: `FILE.wav`, `tone:HZ` or `silence`. */
export type SourceSpec = { kind: 'file'; path: string } | { kind: 'tone'; frequency: number } | { kind: 'silence' };

const TONE = /^tone:(\d+(?:\.\d+)?)$/i;

/** Parses a source spec string; AudioSpecError names what is wrong. */
export function parseSourceSpec(spec: string): SourceSpec {
  const text = spec.trim();
  if (text === '') throw new AudioSpecError(spec, 'empty audio source; use FILE.wav, tone:HZ or silence');
  if (text.toLowerCase() === 'silence') return { kind: 'silence' };
  if (/^tone:/i.test(text)) {
    const m = TONE.exec(text);
    const frequency = m ? Number(m[1]) : NaN;
    if (!(frequency > 0 && frequency < 24000)) throw new AudioSpecError(spec, `"${text}": a tone needs a frequency between 0 and 24000 Hz, e.g. tone:880`);
    return { kind: 'tone', frequency };
  }
  if (!/\.wav$/i.test(text)) throw new AudioSpecError(spec, `"${text}" is neither a .wav file nor tone:HZ nor silence`);
  return { kind: 'file', path: text };
}

export interface OpenSourceOptions {
  /** Loop WAV files (default false). */
  loop?: boolean;
  /** Tone level in dBFS (default −12). */
  toneLevelDbfs?: number;
}

/** Opens the source a spec names (a string is parsed first). */
export function openSource(spec: string | SourceSpec, options: OpenSourceOptions = {}): AudioSource {
  const parsed = typeof spec === 'string' ? parseSourceSpec(spec) : spec;
  switch (parsed.kind) {
    case 'silence':
      return new SilenceSource();
    case 'tone':
      return new ToneSource(parsed.frequency, options.toneLevelDbfs === undefined ? {} : { levelDbfs: options.toneLevelDbfs });
    case 'file':
      return new WavFileSource(parsed.path, { loop: options.loop ?? false });
  }
}
