import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dominantFrequency, ToneSource } from '../../main/media/audio';
import { OggOpusWriter, wavBytes, decodeOggOpus } from '../../main/services/voicemail';
import { tempDir } from '../helpers/temp-dir';

// Our voicemail files must play outside LiteSIP: Chromium's own Ogg Opus demuxer and decoder
// (decodeAudioData) read the file the recorder wrote, and the WAV that play/export give.

const CHROMIUM = process.env.LITESIP_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Decoded {
  sampleRate: number;
  length: number;
  channels: number;
  /** One second from the middle, as plain numbers. */
  middle: number[];
}

describe('voicemail audio in a browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function decodeInBrowser(bytes: Buffer): Promise<Decoded> {
    const page = await browser.newPage();
    try {
      return await page.evaluate(async (base64: string): Promise<Decoded> => {
        // Runs in the page; the project's TypeScript has no DOM library, so the Web Audio API is typed here.
        interface DecodedBuffer {
          sampleRate: number;
          length: number;
          numberOfChannels: number;
          getChannelData(channel: number): Float32Array;
        }
        const Offline = (globalThis as unknown as { OfflineAudioContext: new (channels: number, length: number, rate: number) => { decodeAudioData(data: ArrayBuffer): Promise<DecodedBuffer> } }).OfflineAudioContext;
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const audio = await new Offline(1, 48000, 48000).decodeAudioData(data.buffer);
        const ch = audio.getChannelData(0);
        const mid = Math.floor(ch.length / 2);
        return {
          sampleRate: audio.sampleRate,
          length: audio.length,
          channels: audio.numberOfChannels,
          middle: Array.from(ch.subarray(mid - 24000, mid + 24000), (x) => Math.round(x * 32767)),
        };
      }, bytes.toString('base64'));
    } finally {
      await page.close();
    }
  }

  it('Chromium decodes the Ogg Opus message to the same length and tone', async () => {
    const file = path.join(tempDir(), 'm.opus');
    const writer = new OggOpusWriter(file);
    const tone = new ToneSource(523);
    for (let i = 0; i < 150; i++) writer.write(tone.read());
    writer.finish();
    const bytes = fs.readFileSync(file);
    const decoded = await decodeInBrowser(bytes);
    // decodeAudioData resamples to the context's rate, 48 kHz here, the file's own rate.
    expect(decoded.sampleRate).toBe(48000);
    // RFC 7845 §4.2, §4.4: pre-skip dropped, end trimmed by the last granule position.
    expect(Math.abs(decoded.length - 150 * 960)).toBeLessThanOrEqual(960);
    expect(Math.abs(dominantFrequency(decoded.middle, decoded.sampleRate) - 523)).toBeLessThan(5);
    expect(decodeOggOpus(bytes).samples.length).toBe(150 * 960);
  });

  it('Chromium plays the WAV that voicemail:play and export give', async () => {
    const tone = new ToneSource(440);
    const pcm = new Int16Array(96000);
    for (let i = 0; i < 100; i++) pcm.set(tone.read(), i * 960);
    const decoded = await decodeInBrowser(wavBytes(pcm, 48000));
    expect(Math.abs(decoded.length - 96000)).toBeLessThanOrEqual(48);
    expect(Math.abs(dominantFrequency(decoded.middle, decoded.sampleRate) - 440)).toBeLessThan(5);
  });
});
