import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dominantFrequency, hasTone, parseWav, readWavFile, rmsDbfs } from '../../main/media/audio';
import { VoicemailBox } from '../../main/services/voicemail';
import { openStore } from '../../main/store';
import { defaultVoicemailSettings, type Settings, type VoicemailEntry } from '../../shared/ipc';
import { NetNs } from '../helpers/netns';
import { BaresipPhone } from './peers/baresip-phone';
import { exitOf } from './peers/child-output';
import { removeDir, scratchDir } from './peers/scratch-dir';

// baresip calls a LiteSIP whose voicemail takes the call: unanswered, under do-not-disturb,
// and while LiteSIP is at its limit of calls. baresip sends a tone; the stored message must
// hold it, and baresip must have heard the greeting's beep.

const CLI = path.resolve(import.meta.dirname, '../../bin/litesip.js');
const BOB_PORT = 25460;
const BOB = `sip:bob@127.0.0.1:${BOB_PORT}`;
const CALLER_HZ = 600;
const BEEP_HZ = 1000;

type CliEvent = { event?: string; data?: unknown };

describe('baresip leaves voicemail at LiteSIP (RFC 5638 §3)', () => {
  let ns: NetNs;
  let phone: BaresipPhone;
  let bob: ChildProcess;
  let dataDir: string;
  const events: CliEvent[] = [];

  /** Changes bob's settings in his database while he runs (each INVITE reads them afresh). */
  function settings(patch: Partial<Settings>): void {
    const store = openStore(dataDir);
    try {
      store.settings.save(patch);
    } finally {
      store.close();
    }
  }

  async function nextVoicemail(after: number, timeoutMs = 30_000): Promise<VoicemailEntry> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = events.slice(after).find((e) => e.event === 'voicemail:new');
      if (found) return found.data as VoicemailEntry;
      if (Date.now() > end) throw new Error(`no voicemail:new; last events: ${JSON.stringify(events.slice(-5))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The stored message carries baresip's tone. */
  function expectCallerTone(entry: VoicemailEntry): void {
    const store = openStore(dataDir);
    try {
      const wav = parseWav(new VoicemailBox(store).wav(entry.id));
      const body = wav.samples.subarray(wav.sampleRate / 2, wav.samples.length - wav.sampleRate / 2);
      expect(body.length).toBeGreaterThan(wav.sampleRate);
      expect(Math.abs(dominantFrequency(body, wav.sampleRate) - CALLER_HZ)).toBeLessThan(12);
      const win = wav.sampleRate / 10;
      const windows: boolean[] = [];
      for (let i = 0; i + win <= body.length; i += win) windows.push(hasTone(body.subarray(i, i + win), wav.sampleRate, CALLER_HZ, 0.8));
      expect(windows.filter(Boolean).length / windows.length).toBeGreaterThan(0.6);
      expect(rmsDbfs(body)).toBeGreaterThan(-30);
    } finally {
      store.close();
    }
  }

  beforeAll(async () => {
    ns = NetNs.create('lsip-vm');
    dataDir = scratchDir('bob-data');
    settings({ voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 1 } });
    phone = await BaresipPhone.start(ns, {
      sipPort: 25470,
      ctrlPort: 25475,
      accounts: [
        { user: 'ann', codec: 'pcmu', mediaenc: 'none' },
        { user: 'ben', codec: 'pcmu', mediaenc: 'none' },
      ],
      toneHz: CALLER_HZ,
      tonePeakDbfs: -6,
      // aufile hangs up when its file ends: greeting and beep (3.4 s), then about 3.6 s of message.
      toneSeconds: 7,
    });
    bob = ns.spawn(process.execPath, [CLI, 'run', '--listen', `udp:127.0.0.1:${BOB_PORT}`, '--user', 'bob', '--max-calls', '1', '--json', '--data', dataDir], {
      cwd: path.dirname(CLI),
    });
    readline.createInterface({ input: bob.stdout! }).on('line', (line) => {
      try {
        events.push(JSON.parse(line) as CliEvent);
      } catch {
        events.push({ event: 'text', data: line });
      }
    });
    const end = Date.now() + 30_000;
    while (!events.some((e) => e.event === 'ready')) {
      if (Date.now() > end) throw new Error('litesip run did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    if (bob && bob.exitCode === null) {
      bob.kill('SIGTERM');
      await exitOf(bob);
    }
    await phone?.stop();
    await ns?.destroy();
    if (dataDir) removeDir(dataDir);
  });

  it('unanswered: after 1 s the voicemail answers, baresip hears the beep, and its tone is stored', async () => {
    phone.clearRecordings();
    const seen = events.length;
    await phone.dial('ann', BOB);
    const entry = await nextVoicemail(seen);
    expect(entry.caller).toBe(phone.uri('ann'));
    expectCallerTone(entry);
    await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri('ann'), 15_000);
    const heard = readWavFile((await phone.lastRecording()).received);
    const beeps = [];
    for (let i = 0; i + heard.sampleRate / 10 <= heard.samples.length; i += heard.sampleRate / 10) {
      const w = heard.samples.subarray(i, i + heard.sampleRate / 10);
      if (rmsDbfs(w) > -35 && Math.abs(dominantFrequency(w, heard.sampleRate) - BEEP_HZ) < 20) beeps.push(i);
    }
    expect(beeps.length).toBeGreaterThanOrEqual(2);
    phone.events.length = 0;
  });

  it('do not disturb with voicemail: straight to the message, no ringing', async () => {
    settings({ dnd: { enabled: true, action: 'voicemail' } });
    const seen = events.length;
    await phone.dial('ann', BOB);
    const entry = await nextVoicemail(seen);
    expectCallerTone(entry);
    expect(events.slice(seen).some((e) => e.event === 'calls:changed' && (e.data as { state?: string }).state === 'incoming')).toBe(false);
    await phone.waitForEvent((e) => e.type === 'CALL_CLOSED', 15_000);
    phone.events.length = 0;
    settings({ dnd: { enabled: false, action: 'voicemail' } });
  });

  it('busy: with ann ringing on the one line, ben goes to voicemail', async () => {
    settings({ voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 0, whenBusy: true } });
    const seen = events.length;
    await phone.dial('ann', BOB);
    const end = Date.now() + 10_000;
    while (!events.slice(seen).some((e) => e.event === 'calls:changed' && (e.data as { state?: string }).state === 'incoming')) {
      if (Date.now() > end) throw new Error('ann never rang at bob');
      await new Promise((r) => setTimeout(r, 50));
    }
    await phone.dial('ben', BOB);
    const entry = await nextVoicemail(seen);
    expect(entry.caller).toBe(phone.uri('ben'));
    expectCallerTone(entry);
    await phone.hangup('ann');
  });
});
