import { DEVICE_RATE, toInt16, type WavAudio } from '../../media/audio';

/** A tone of the greeting: frequency (0 for a pause) and length. */
interface Note {
  hz: number;
  ms: number;
}

/**
 * The built-in greeting, synthesized here (nothing is downloaded): an ascending three-note
 * chime played twice, the pattern answering machines use for "please leave a message".
 */
const GREETING: readonly Note[] = [
  { hz: 0, ms: 300 },
  { hz: 523.25, ms: 220 },
  { hz: 659.25, ms: 220 },
  { hz: 783.99, ms: 380 },
  { hz: 0, ms: 400 },
  { hz: 523.25, ms: 220 },
  { hz: 659.25, ms: 220 },
  { hz: 783.99, ms: 380 },
  { hz: 0, ms: 500 },
];

/** The beep after the greeting: recording starts when it ends. */
export const BEEP_HZ = 1000;
export const BEEP_MS = 400;
/** A short pause after the beep, so the caller's first word is not cut. */
const AFTER_BEEP_MS = 100;

/** Renders notes at 48 kHz with 10 ms raised-cosine edges (no clicks), about −14 dBFS. */
function render(notes: readonly Note[]): Int16Array {
  const total = notes.reduce((n, t) => n + Math.round((t.ms * DEVICE_RATE) / 1000), 0);
  const out = new Int16Array(total);
  const amplitude = 32767 * 10 ** (-14 / 20);
  const edge = Math.round(0.01 * DEVICE_RATE);
  let at = 0;
  for (const note of notes) {
    const n = Math.round((note.ms * DEVICE_RATE) / 1000);
    if (note.hz > 0) {
      const step = (2 * Math.PI * note.hz) / DEVICE_RATE;
      for (let i = 0; i < n; i++) {
        const ramp = Math.min(1, i / edge, (n - 1 - i) / edge);
        const gain = ramp >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, ramp));
        out[at + i] = toInt16(amplitude * gain * Math.sin(step * i));
      }
    }
    at += n;
  }
  return out;
}

export function defaultGreeting(): WavAudio {
  return { sampleRate: DEVICE_RATE, channels: 1, samples: render(GREETING), truncated: false };
}

export function beep(): WavAudio {
  return {
    sampleRate: DEVICE_RATE,
    channels: 1,
    samples: render([
      { hz: BEEP_HZ, ms: BEEP_MS },
      { hz: 0, ms: AFTER_BEEP_MS },
    ]),
    truncated: false,
  };
}
