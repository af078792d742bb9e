import { dominantFrequency, readWavFile, toMono, toneDbfs } from '../../../main/media/audio';

export interface ToneCheck {
  /** The strongest frequency in the middle of the recording. */
  frequency: number;
  /** Level of the expected tone there, dBFS (RMS scale of main/media/audio/analysis). */
  levelDbfs: number;
  seconds: number;
}

/**
 * Measures a call recording: the strongest frequency and the expected tone's level over the
 * part after the first `skipSeconds` (set-up, jitter buffer fill) and before the last 0.2 s.
 */
export function measureTone(file: string, expectedHz: number, skipSeconds = 0.6): ToneCheck {
  const wav = readWavFile(file);
  const mono = toMono(wav);
  const rate = wav.sampleRate;
  const seconds = mono.length / rate;
  const part = mono.subarray(Math.floor(skipSeconds * rate), Math.max(Math.floor(skipSeconds * rate), mono.length - Math.floor(0.2 * rate)));
  return { frequency: dominantFrequency(part, rate), levelDbfs: toneDbfs(part, rate, expectedHz), seconds };
}
