import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavFile, rmsDbfs, ToneSource, toneDbfs, writeWavFile } from '../../main/media/audio';
import { ROOT, startCli, type CliProcess } from '../helpers/cli';
import { CHROMIUM, CHROMIUM_ARGS, completeSetup } from './ui-helpers';

// The browser's microphone (Chromium's fake capture device, fed a 660 Hz tone) reaches a headless peer that records.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-audio-e2e-'));
const toneFile = path.join(scratch, 'mic-660.wav');
let context: BrowserContext;

type Ready = { web?: string; listening: { transport: string; host: string; port: number }[] };
const ready = async (cli: CliProcess): Promise<Ready> => (await cli.waitFor('ready', () => true, 30_000)) as unknown as Ready;

describe('call audio from the web UI', () => {
  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) throw new Error('run "npm run build" first');
    const tone = new ToneSource(660, { levelDbfs: -12 });
    const samples = new Int16Array(48000 * 10);
    for (let at = 0; at < samples.length; at += 960) samples.set(tone.read(), at);
    writeWavFile(toneFile, { sampleRate: 48000, channels: 1, samples });
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${toneFile}`, '--autoplay-policy=no-user-gesture-required'],
      viewport: { width: 1200, height: 820 },
    });
  });

  afterAll(async () => {
    await context?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('a call placed in the browser carries its microphone to the peer', async () => {
    const recordings = path.join(scratch, 'recordings');
    const ui = startCli(['run', '--web', '0', '--listen', 'udp:127.0.0.1:0', '--user', 'alice', '--json', '--data', path.join(scratch, 'ui')]);
    const peer = startCli(['run', '--auto-answer', '0', '--record', recordings, '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', path.join(scratch, 'peer')]);
    {
      const [uiReady, peerReady] = await Promise.all([ready(ui), ready(peer)]);
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
      });
      await page.goto(uiReady.web!);
      await completeSetup(page, 'Alice Martin');
      await page.getByRole('button', { name: /^Calls/ }).click();
      const field = page.getByLabel('Address or number');
      await field.fill(`bob@127.0.0.1:${peerReady.listening[0]!.port}`);
      await field.press('Enter');
      await expect.poll(() => page.getByTestId('call-state').textContent(), { timeout: 15_000 }).toContain('Connected');
      await page.waitForTimeout(4000);
      await page.getByRole('button', { name: 'Hang up' }).click();
      await expect.poll(() => page.getByTestId('end-reason').textContent()).toContain('hung up');
      await page.close();
      expect(warnings.filter((w) => w.includes('LiteSIP audio'))).toEqual([]);
      // The peer closes its recording when the BYE arrives.
      await peer.waitFor('calls:changed', (e) => (e.data as { state?: string } | undefined)?.state === 'ended', 10_000);
    }
    const file = fs.readdirSync(recordings).find((f) => f.endsWith('.wav'));
    expect(file).toBeDefined();
    const audio = readWavFile(path.join(recordings, file!));
    // The last two seconds before the hang-up: the browser's tone, not the headless engine's silence.
    const tail = audio.samples.subarray(Math.max(0, audio.samples.length - audio.sampleRate * 2.5), audio.samples.length - audio.sampleRate * 0.5);
    console.log(`peer heard ${rmsDbfs(tail).toFixed(1)} dBFS, 660 Hz at ${toneDbfs(tail, audio.sampleRate, 660).toFixed(1)} dBFS`);
    expect(toneDbfs(tail, audio.sampleRate, 660)).toBeGreaterThan(-45);
  });
});
