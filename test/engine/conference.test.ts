import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallInfo } from '../../shared/ipc';
import type { Communicator } from '../../main/engine';
import { readWavFile, toneDbfs } from '../../main/media/audio';
import { startEngine, waitCall } from '../helpers/engines';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const uriOf = (e: Communicator): string => e.status().identity;

/** What an engine with --record DIR heard on its only call, over its last `seconds`. */
function heard(dir: string, seconds = 0.8): (hz: number) => number {
  const file = fs.readdirSync(dir)[0];
  if (!file) throw new Error(`no recording in ${dir}`);
  const audio = readWavFile(path.join(dir, file));
  const tail = audio.samples.subarray(Math.max(0, audio.samples.length - Math.round(audio.sampleRate * seconds)));
  return (hz) => toneDbfs(tail, audio.sampleRate, hz);
}

/** The host (440 Hz) calls each party (auto-answer, their own tone, recorded). */
async function party(host: Communicator, hz: number, dir: string): Promise<{ engine: Communicator; hostCall: CallInfo; call: CallInfo }> {
  const engine = await startEngine(`p${hz}`, { autoAnswerSeconds: 0, play: `tone:${hz}`, recordDir: path.join(dir, String(hz)) });
  const port = engine.listening()[0]!.port;
  const up = waitCall(host, (c) => c.state === 'connected' && c.peer.includes(`:${port}`));
  const theirs = waitCall(engine, (c) => c.state === 'connected');
  expect((await host.request('calls:dial', { target: uriOf(engine) })).ok).toBe(true);
  return { engine, hostCall: await up, call: await theirs };
}

async function hangUpAll(parties: { engine: Communicator; call: CallInfo }[]): Promise<void> {
  for (const p of parties) await p.engine.request('calls:hangup', { callId: p.call.id });
  await sleep(300);
}

describe('local conference mixed in the endpoint', () => {
  it('three parties: each hears the other two and not itself; the local user hears both', async () => {
    const dir = tempDir();
    const hostDir = path.join(dir, 'host');
    const host = await startEngine('host', { play: 'tone:440', recordDir: hostDir });
    const a = await party(host, 660, dir);
    const b = await party(host, 1000, dir);
    const merged = await host.request('calls:merge', { callIds: [a.hostCall.id, b.hostCall.id] });
    expect(merged.ok).toBe(true);
    const members = (merged as { ok: true; value: CallInfo[] }).value;
    expect(members).toHaveLength(2);
    expect(members[0]!.conferenceId).toBeDefined();
    expect(members[0]!.conferenceId).toBe(members[1]!.conferenceId);
    await sleep(1800);
    await hangUpAll([a, b]);

    const byA = heard(path.join(dir, '660'));
    const byB = heard(path.join(dir, '1000'));
    expect(byA(440)).toBeGreaterThan(-30);
    expect(byA(1000)).toBeGreaterThan(-30);
    expect(byA(660)).toBeLessThan(-36);
    expect(byB(440)).toBeGreaterThan(-30);
    expect(byB(660)).toBeGreaterThan(-30);
    expect(byB(1000)).toBeLessThan(-36);
    // Headless, the local user's side of the conference is recorded next to the calls.
    const local = fs.readdirSync(hostDir).find((f) => f.startsWith('conference-'));
    expect(local).toBeDefined();
    const audio = readWavFile(path.join(hostDir, local!));
    const mid = audio.samples.subarray(Math.round(audio.sampleRate * 0.5), audio.samples.length - Math.round(audio.sampleRate * 0.5));
    expect(toneDbfs(mid, audio.sampleRate, 660)).toBeGreaterThan(-30);
    expect(toneDbfs(mid, audio.sampleRate, 1000)).toBeGreaterThan(-30);
    expect(toneDbfs(mid, audio.sampleRate, 440)).toBeLessThan(-36);
  });

  it('a muted party is not heard by the others but still hears them', async () => {
    const dir = tempDir();
    const host = await startEngine('host', { play: 'tone:440' });
    const a = await party(host, 660, dir);
    const b = await party(host, 1000, dir);
    await host.request('calls:merge', { callIds: [a.hostCall.id, b.hostCall.id] });
    const muted = await host.request('calls:conference-mute', { callId: b.hostCall.id, muted: true });
    expect(muted).toMatchObject({ ok: true, value: { conferenceMuted: true } });
    await sleep(1800);
    await hangUpAll([a, b]);

    const byA = heard(path.join(dir, '660'));
    const byB = heard(path.join(dir, '1000'));
    expect(byA(440)).toBeGreaterThan(-30);
    expect(byA(1000)).toBeLessThan(-36);
    expect(byB(660)).toBeGreaterThan(-30);
  });

  it('dropping a party hangs it up; with one left the call is plain again', async () => {
    const dir = tempDir();
    const host = await startEngine('host', { play: 'tone:440' });
    const a = await party(host, 660, dir);
    const b = await party(host, 1000, dir);
    await host.request('calls:merge', { callIds: [a.hostCall.id, b.hostCall.id] });
    const aEnded = waitCall(a.engine, (c) => c.state === 'ended');
    const bPlain = waitCall(host, (c) => c.id === b.hostCall.id && c.conferenceId === undefined);
    const dropped = await host.request('calls:conference-drop', { callId: a.hostCall.id });
    expect(dropped).toMatchObject({ ok: true, value: { state: 'ended' } });
    expect((await aEnded).endReason).toMatch(/hung up/);
    expect((await bPlain).state).toBe('connected');
    await sleep(1500);
    await hangUpAll([b]);

    const byB = heard(path.join(dir, '1000'));
    expect(byB(440)).toBeGreaterThan(-30);
    expect(byB(660)).toBeLessThan(-36);
  });

  it('resumes a held call when it is merged, and refuses what cannot be merged', async () => {
    const dir = tempDir();
    const host = await startEngine('host', { play: 'tone:440' });
    const a = await party(host, 660, dir);
    const b = await party(host, 1000, dir);
    expect(await host.request('calls:hold', { callId: a.hostCall.id })).toMatchObject({ ok: true, value: { held: true } });
    expect(await host.request('calls:merge', { callIds: [a.hostCall.id] })).toMatchObject({ ok: false, error: { code: 'bad-state' } });
    expect(await host.request('calls:merge', { callIds: [a.hostCall.id, 'nope'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await host.request('calls:conference-mute', { callId: a.hostCall.id, muted: true })).toMatchObject({ ok: false, error: { code: 'not-in-conference' } });
    const merged = await host.request('calls:merge', { callIds: [a.hostCall.id, b.hostCall.id] });
    expect(merged.ok).toBe(true);
    for (const c of (merged as { ok: true; value: CallInfo[] }).value) expect(c.held).toBe(false);
    await sleep(1500);
    await hangUpAll([a, b]);
    expect(heard(path.join(dir, '660'))(1000)).toBeGreaterThan(-30);
  });
});
