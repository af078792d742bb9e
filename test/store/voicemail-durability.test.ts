import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dominantFrequency, hasTone, readWavFile } from '../../main/media/audio';
import { openStore } from '../../main/store';
import { defaultVoicemailSettings } from '../../shared/ipc';
import { startCli } from '../helpers/cli';
import { startEngine, waitCall } from '../helpers/engines';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function cliRun(args: string[]): Promise<{ code: number | null; events: Record<string, unknown>[]; stderr: string }> {
  const cli = startCli(args);
  const code = await cli.exited;
  return { code, events: cli.events, stderr: cli.stderr };
}

describe('a voicemail survives kill -9 right after it was recorded', () => {
  it('is in the database and its audio plays after SIGKILL; the database passes integrity_check; litesip voicemail lists, plays and deletes it', async () => {
    const dataDir = tempDir();
    const seed = openStore(dataDir);
    seed.settings.save({ voicemail: { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 1 } });
    seed.close();

    const bob = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', dataDir]);
    const ready = await bob.waitFor('ready', () => true, 30_000);
    const port = (ready.listening as { port: number }[])[0]!.port;
    const stored = bob.waitFor('voicemail:new', () => true, 30_000);

    const alice = await startEngine('alice', { play: 'tone:523' });
    const connected = waitCall(alice, (c) => c.state === 'connected', 15_000);
    const dialed = await alice.request('calls:dial', { target: `sip:bob@127.0.0.1:${port}` });
    expect(dialed.ok).toBe(true);
    const call = await connected;
    // Greeting and beep, then about 3 s of alice's tone.
    await sleep(6500);
    await alice.request('calls:hangup', { callId: call.id });
    const event = await stored;
    // The moment the engine says the message is stored, it dies without a chance to flush.
    bob.child.kill('SIGKILL');
    await bob.exited;
    const entry = event.data as { id: number; caller: string; durationMs: number };
    expect(entry.caller).toBe(alice.status().identity);

    const db = new Database(path.join(dataDir, 'litesip.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT id, duration_ms AS durationMs FROM voicemail').all()).toEqual([{ id: entry.id, durationMs: entry.durationMs }]);
    } finally {
      db.close();
    }

    const list = await cliRun(['voicemail', 'list', '--json', '--data', dataDir]);
    expect(list.code).toBe(0);
    expect(list.events.filter((e) => e.event === 'voicemail').map((e) => e.id)).toEqual([entry.id]);

    const wav = path.join(tempDir(), 'message.wav');
    const played = await cliRun(['voicemail', 'play', String(entry.id), '--out', wav, '--json', '--data', dataDir]);
    expect(played.code, played.stderr).toBe(0);
    const audio = readWavFile(wav);
    const body = audio.samples.subarray(audio.sampleRate * 0.5, audio.samples.length - audio.sampleRate * 0.5);
    expect(Math.abs(dominantFrequency(body, audio.sampleRate) - 523)).toBeLessThan(15);
    const win = audio.sampleRate / 10;
    const windows: boolean[] = [];
    for (let i = 0; i + win <= body.length; i += win) windows.push(hasTone(body.subarray(i, i + win), audio.sampleRate, 523, 0.8));
    expect(windows.filter(Boolean).length / windows.length).toBeGreaterThan(0.6);
    const unheard = await cliRun(['voicemail', 'list', '--unheard', '--json', '--data', dataDir]);
    expect(unheard.events.filter((e) => e.event === 'voicemail')).toEqual([]);

    expect((await cliRun(['voicemail', 'delete', 'x', '--data', dataDir])).code).toBe(2);
    expect((await cliRun(['voicemail', 'delete', '999', '--data', dataDir])).code).toBe(1);
    expect((await cliRun(['voicemail', 'delete', String(entry.id), '--data', dataDir])).code).toBe(0);
    const empty = await cliRun(['voicemail', 'list', '--json', '--data', dataDir]);
    expect(empty.events.find((e) => e.event === 'summary')).toMatchObject({ count: 0, unheard: 0 });
  }, 90_000);
});
