import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../../main/engine';
import { dominantFrequency, hasTone, parseWav, readWavFile, rmsDbfs, writeWavFile } from '../../../main/media/audio';
import type { HistoryPage, SettingsPatch, VoicemailAudio, VoicemailEntry, VoicemailPage } from '../../../shared/ipc';
import { defaultVoicemailSettings } from '../../../shared/ipc';
import { startEngine, waitCall } from '../../helpers/engines';
import { tempDir } from '../../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function nextVoicemail(e: Communicator, timeoutMs = 15000): Promise<VoicemailEntry> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no voicemail:new')), timeoutMs);
    const off = e.events.on('voicemail:new', (v) => {
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}

async function value<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

async function configure(e: Communicator, patch: SettingsPatch): Promise<void> {
  await value(e.request('settings:update', patch));
}

/** Checks the stored message: listed, unheard, and its WAV carries the caller's tone. */
async function expectToneMessage(bob: Communicator, entry: VoicemailEntry, caller: string, hz: number): Promise<void> {
  expect(entry.caller).toBe(caller);
  expect(entry.heard).toBe(false);
  const page = await value<VoicemailPage>(bob.request('voicemail:list', undefined));
  expect(page.entries.map((v) => v.id)).toContain(entry.id);
  expect(page.unheard).toBeGreaterThanOrEqual(1);
  const audio = await value<VoicemailAudio>(bob.request('voicemail:play', { id: entry.id }));
  const wav = parseWav(Buffer.from(audio.wavBase64, 'base64'));
  expect(wav.sampleRate).toBe(16000);
  expect(Math.abs(wav.samples.length / 16 - entry.durationMs)).toBeLessThan(100);
  // The caller's tone fills the message (the greeting and beep are not in it).
  const body = wav.samples.subarray(8000, wav.samples.length - 8000);
  expect(body.length).toBeGreaterThan(8000);
  expect(Math.abs(dominantFrequency(body, 16000) - hz)).toBeLessThan(15);
  // In 100 ms windows (the jitter buffer may stretch time, which a long window would smear).
  const windows: boolean[] = [];
  for (let i = 0; i + 1600 <= body.length; i += 1600) windows.push(hasTone(body.subarray(i, i + 1600), 16000, hz, 0.8));
  expect(windows.filter(Boolean).length / windows.length).toBeGreaterThan(0.6);
  expect(rmsDbfs(body)).toBeGreaterThan(-30);
}

describe('voicemail in the endpoint', () => {
  it('takes an unanswered call after N seconds: greeting, beep, the caller recorded, stored before voicemail:new', async () => {
    const bob = await startEngine('bob');
    await configure(bob, { voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 1 } });
    const alice = await startEngine('alice', { play: 'tone:440' });
    const left = nextVoicemail(bob);
    const ringing = waitCall(bob, (c) => c.state === 'incoming');
    const connected = waitCall(alice, (c) => c.state === 'connected');
    const byVoicemail = waitCall(bob, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: bob.status().identity }));
    expect((await ringing).voicemail).toBeUndefined();
    const call = await connected;
    expect((await byVoicemail).voicemail).toBe(true);
    // Greeting (about 2.9 s) and beep (0.5 s), then 3 s of the caller's tone.
    await sleep(6500);
    await value(alice.request('calls:hangup', { callId: call.id }));
    const entry = await left;
    expect(entry.durationMs).toBeGreaterThan(2000);
    expect(entry.durationMs).toBeLessThan(4500);
    await expectToneMessage(bob, entry, alice.status().identity, 440);
    const heard = await value<VoicemailEntry>(bob.request('voicemail:mark-heard', { id: entry.id }));
    expect(heard.heard).toBe(true);
    expect((await value<VoicemailPage>(bob.request('voicemail:list', { unheardOnly: true }))).entries).toEqual([]);
    const history = await value<HistoryPage>(bob.request('history:list', undefined));
    expect(history.entries).toMatchObject([{ peer: alice.status().identity, outcome: 'voicemail' }]);
  });

  it('takes the call when busy (at the limit of calls) and when do-not-disturb sends callers to voicemail', async () => {
    const bob = await startEngine('bob', { maxCalls: 1, autoAnswerSeconds: 0 });
    await configure(bob, { voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 0, whenBusy: true } });
    const carol = await startEngine('carol', { play: 'tone:300' });
    const alice = await startEngine('alice', { play: 'tone:660' });

    // Busy: carol's call fills bob's one line; alice's goes to voicemail.
    const carolConnected = waitCall(carol, (c) => c.state === 'connected');
    await value(carol.request('calls:dial', { target: bob.status().identity }));
    await carolConnected;
    let left = nextVoicemail(bob);
    let aliceConnected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: bob.status().identity }));
    let call = await aliceConnected;
    await sleep(6000);
    await value(alice.request('calls:hangup', { callId: call.id }));
    await expectToneMessage(bob, await left, alice.status().identity, 660);

    // Do not disturb with voicemail: no ringing at all.
    await configure(bob, { dnd: { enabled: true, action: 'voicemail' } });
    const rang: string[] = [];
    bob.events.on('calls:changed', (c) => {
      if (c.state === 'incoming' && c.peer === alice.status().identity) rang.push(c.id);
    });
    left = nextVoicemail(bob);
    aliceConnected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: bob.status().identity }));
    call = await aliceConnected;
    await sleep(6000);
    await value(alice.request('calls:hangup', { callId: call.id }));
    await expectToneMessage(bob, await left, alice.status().identity, 660);
    expect(rang).toEqual([]);
    const page = await value<VoicemailPage>(bob.request('voicemail:list', undefined));
    expect(page.entries).toHaveLength(2);
    expect(page.unheard).toBe(2);
  });

  it('stops on a long silence and keeps nothing when the caller hangs up during the greeting', async () => {
    const bob = await startEngine('bob');
    await configure(bob, { voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 1, silenceSeconds: 2 } });
    const alice = await startEngine('alice', { play: 'tone:440' });
    const silent = await startEngine('sam', { play: 'silence' });

    // Silence: bob's voicemail hangs up by itself after 2 s of it; nothing is kept.
    const ended = waitCall(bob, (c) => c.state === 'ended', 15000);
    const callerEnded = waitCall(silent, (c) => c.state === 'ended', 15000);
    await value(silent.request('calls:dial', { target: bob.status().identity }));
    expect((await ended).endReason).toMatch(/silent/);
    expect((await callerEnded).endReason).toMatch(/other party hung up/);

    // Hang-up during the greeting.
    const connected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: bob.status().identity }));
    const call = await connected;
    await sleep(800);
    const bobEnded = waitCall(bob, (c) => c.state === 'ended');
    await value(alice.request('calls:hangup', { callId: call.id }));
    await bobEnded;
    await sleep(300);
    expect((await value<VoicemailPage>(bob.request('voicemail:list', undefined))).entries).toEqual([]);
  });
});

describe('voicemail greeting, export and deletion over the contract', () => {
  it('plays the user greeting then the beep to the caller; exports WAV; deletes with voicemail:changed', async () => {
    const dir = tempDir();
    const bob = await startEngine('bob');
    await configure(bob, { voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 1 } });
    // A 1.5 s greeting at 700 Hz, sent as the renderer would: WAV bytes in base64.
    const greeting = path.join(dir, 'greeting.wav');
    writeWavFile(greeting, { sampleRate: 16000, channels: 1, samples: Int16Array.from({ length: 24000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 700 * i) / 16000))) });
    expect(await value(bob.request('voicemail:set-greeting', { wavBase64: fs.readFileSync(greeting).toString('base64') }))).toEqual({ custom: true });
    const refused = await bob.request('voicemail:set-greeting', { wavBase64: Buffer.from('not a wav file').toString('base64') });
    expect(refused.ok ? undefined : refused.error.code).toBe('bad-greeting');

    const heard = path.join(dir, 'alice-heard.wav');
    const alice = await startEngine('alice', { play: 'tone:440', recordFile: heard });
    const left = nextVoicemail(bob);
    const connected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: bob.status().identity }));
    const call = await connected;
    await sleep(4000);
    const aliceEnded = waitCall(alice, (c) => c.state === 'ended');
    await value(alice.request('calls:hangup', { callId: call.id }));
    await aliceEnded;
    const entry = await left;

    // What alice heard: the greeting's 700 Hz first, then the 1 kHz beep.
    const audio = readWavFile(heard);
    const sr = audio.sampleRate;
    const peaks: number[] = [];
    for (let i = 0; i + sr / 10 <= audio.samples.length; i += sr / 10) {
      const w = audio.samples.subarray(i, i + sr / 10);
      if (rmsDbfs(w) > -30) peaks.push(Math.round(dominantFrequency(w, sr) / 50) * 50);
    }
    const greetingAt = peaks.indexOf(700);
    const beepAt = peaks.indexOf(1000);
    expect(greetingAt).toBeGreaterThanOrEqual(0);
    expect(beepAt).toBeGreaterThan(greetingAt);
    expect(peaks.filter((p) => p === 700).length).toBeGreaterThanOrEqual(12);

    const out = path.join(dir, 'exported.wav');
    expect(await value(bob.request('voicemail:export', { id: entry.id, path: out }))).toMatchObject({ path: out });
    expect(readWavFile(out).sampleRate).toBe(16000);
    const badPath = await bob.request('voicemail:export', { id: entry.id, path: 'relative.wav' });
    expect(badPath.ok).toBe(false);
    const missing = await bob.request('voicemail:play', { id: entry.id + 100 });
    expect(missing.ok ? undefined : missing.error.code).toBe('not-found');

    const changed = new Promise((resolve) => bob.events.on('voicemail:changed', resolve));
    expect(await value(bob.request('voicemail:delete', { id: entry.id }))).toEqual({ deleted: true });
    expect(await changed).toEqual({ id: entry.id, unheard: 0 });
    expect((await value<VoicemailPage>(bob.request('voicemail:list', undefined))).entries).toEqual([]);
  });
});
