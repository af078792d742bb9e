import { Resampler, wavHeader } from '../../media/audio';

/** Voicemail plays and exports at 16 kHz: wideband speech, a third of the bytes of 48 kHz. */
export const PLAYBACK_RATE = 16000;

/** A 16-bit mono WAV file's bytes from 48 kHz PCM, resampled to `rate`. */
export function wavBytes(samples: Int16Array, inputRate: number, rate = PLAYBACK_RATE): Buffer {
  let pcm = samples;
  if (rate !== inputRate) {
    const r = new Resampler(inputRate, rate);
    const head = r.process(samples);
    const tail = r.process(new Int16Array(Math.ceil((r.delay * inputRate) / rate) + 1));
    const delay = Math.round(r.delay);
    const wanted = Math.round((samples.length * rate) / inputRate);
    const joined = new Int16Array(head.length + tail.length);
    joined.set(head);
    joined.set(tail, head.length);
    pcm = joined.slice(delay, delay + wanted);
  }
  const data = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  return Buffer.concat([wavHeader(rate, 1, data.length), data]);
}
