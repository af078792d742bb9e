import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInfo } from '../../shared/ipc';
import { Communicator } from '../../main/engine';
import { AudioDevice } from '../../main/engine/audio-device';
import { encodeDeviceFrame, readWavFile, toneDbfs, ToneSource, DEVICE_FRAME_BYTES } from '../../main/media/audio';
import { startEngine, waitCall } from '../helpers/engines';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const uriOf = (e: Communicator): string => e.status().identity;

/** The tail of what an engine with --record DIR heard on its only call. */
function heard(dir: string, seconds = 1.2): (hz: number) => number {
  const file = fs.readdirSync(dir)[0];
  if (!file) throw new Error(`no recording in ${dir}`);
  const audio = readWavFile(path.join(dir, file));
  const tail = audio.samples.subarray(Math.max(0, audio.samples.length - Math.round(audio.sampleRate * seconds)));
  return (hz) => toneDbfs(tail, audio.sampleRate, hz);
}

/** An engine whose calls talk through an audio device, as the desktop app and the web UI run it. */
async function deviceEngine(): Promise<{ engine: Communicator; device: AudioDevice; speaker: Int16Array[]; talk(hz: number | null): void }> {
  const device = new AudioDevice();
  const engine = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'me', features: { calls: { device } } });
  device.follow(engine.events);
  running.push(engine);
  await engine.start();
  const speaker: Int16Array[] = [];
  device.onSpeaker((frame) => speaker.push(Int16Array.from(frame)));
  let tone: ToneSource | null = null;
  // The microphone: a frame every 20 ms as the renderer's worklet sends them.
  const timer = setInterval(() => {
    if (tone) device.pushMicrophone(encodeDeviceFrame(tone.read()));
  }, 20);
  timers.push(timer);
  return { engine, device, speaker, talk: (hz) => (tone = hz === null ? null : new ToneSource(hz, { levelDbfs: -10 })) };
}

const running: Communicator[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  timers.splice(0).forEach(clearInterval);
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** How loud `hz` is in the speaker frames from index `from` on (the last 40 by default). */
function speakerTone(speaker: Int16Array[], hz: number, from = speaker.length - 40): number {
  const tail = speaker.slice(Math.max(0, from));
  const samples = new Int16Array(tail.length * 960);
  tail.forEach((f, i) => samples.set(f, i * 960));
  return toneDbfs(samples, 48000, hz);
}

async function callPeer(me: Communicator, peer: Communicator): Promise<CallInfo> {
  const port = peer.listening()[0]!.port;
  const up = waitCall(me, (c) => c.state === 'connected' && c.peer.includes(`:${port}`));
  const dialed = await me.request('calls:dial', { target: uriOf(peer) });
  expect(dialed.ok).toBe(true);
  return up;
}

describe('audio device port', () => {
  it('the microphone reaches the peer and the peer comes out of the speaker', async () => {
    const dir = tempDir();
    const peer = await startEngine('peer', { autoAnswerSeconds: 0, play: 'tone:1000', recordDir: dir });
    const me = await deviceEngine();
    me.talk(660);
    const call = await callPeer(me.engine, peer);
    await sleep(2000);
    expect(me.device.activeCallIds).toEqual([call.id]);
    expect(speakerTone(me.speaker, 1000)).toBeGreaterThan(-40);
    expect(speakerTone(me.speaker, 660)).toBeLessThan(-55);
    await me.engine.request('calls:hangup', { callId: call.id });
    await sleep(200);
    const byPeer = heard(dir);
    expect(byPeer(660)).toBeGreaterThan(-40);
    expect(me.device.stats.microphoneFrames).toBeGreaterThan(20);
    expect(me.device.activeCallIds).toEqual([]);
  });

  it('a held call neither hears nor is heard; resuming brings it back', async () => {
    const dirB = tempDir();
    const dirC = tempDir();
    const b = await startEngine('b', { autoAnswerSeconds: 0, play: 'tone:1000', recordDir: dirB });
    const c = await startEngine('c', { autoAnswerSeconds: 0, play: 'tone:1500', recordDir: dirC });
    const me = await deviceEngine();
    me.talk(660);
    const toB = await callPeer(me.engine, b);
    await sleep(800);
    expect(speakerTone(me.speaker, 1000)).toBeGreaterThan(-40);

    // A second call: taking it holds nobody by itself, so hold B first as the UI's switch does.
    expect((await me.engine.request('calls:hold', { callId: toB.id })).ok).toBe(true);
    const held = me.speaker.length;
    const toC = await callPeer(me.engine, c);
    // Recordings in progress are readable up to the last second (their header is refreshed every second).
    await sleep(2500);
    expect(me.device.activeCallIds).toEqual([toC.id]);
    expect(speakerTone(me.speaker, 1500)).toBeGreaterThan(-40);
    expect(speakerTone(me.speaker, 1000, held)).toBeLessThan(-55);
    expect(heard(dirB, 0.5)(660)).toBeLessThan(-55);
    expect(heard(dirC, 0.5)(660)).toBeGreaterThan(-40);

    // Resuming B holds C: the microphone and speaker follow.
    expect((await me.engine.request('calls:resume', { callId: toB.id })).ok).toBe(true);
    const resumed = me.speaker.length;
    await sleep(2500);
    expect(me.device.activeCallIds).toEqual([toB.id]);
    expect(speakerTone(me.speaker, 1000)).toBeGreaterThan(-40);
    expect(speakerTone(me.speaker, 1500, resumed)).toBeLessThan(-55);
    for (const call of [toB, toC]) await me.engine.request('calls:hangup', { callId: call.id });
    await sleep(200);
    expect(heard(dirB)(660)).toBeGreaterThan(-40);
    expect(heard(dirC)(660)).toBeLessThan(-55);
  });

  it('in a local conference the microphone joins the mix and the speaker hears every party', async () => {
    const dirB = tempDir();
    const dirC = tempDir();
    const b = await startEngine('b', { autoAnswerSeconds: 0, play: 'tone:1000', recordDir: dirB });
    const c = await startEngine('c', { autoAnswerSeconds: 0, play: 'tone:1500', recordDir: dirC });
    const me = await deviceEngine();
    me.talk(660);
    const toB = await callPeer(me.engine, b);
    expect((await me.engine.request('calls:hold', { callId: toB.id })).ok).toBe(true);
    const toC = await callPeer(me.engine, c);
    expect((await me.engine.request('calls:merge', { callIds: [toB.id, toC.id] })).ok).toBe(true);
    const merged = me.speaker.length;
    await sleep(2000);
    expect(me.device.activeCallIds.sort()).toEqual([toB.id, toC.id].sort());
    expect(speakerTone(me.speaker, 1000, merged + 10)).toBeGreaterThan(-40);
    expect(speakerTone(me.speaker, 1500, merged + 10)).toBeGreaterThan(-40);
    expect(speakerTone(me.speaker, 660, merged + 10)).toBeLessThan(-55);
    for (const call of [toB, toC]) await me.engine.request('calls:hangup', { callId: call.id });
    await sleep(200);
    expect(heard(dirB)(660)).toBeGreaterThan(-40);
    expect(heard(dirB)(1500)).toBeGreaterThan(-40);
    expect(heard(dirC)(660)).toBeGreaterThan(-40);
    expect(heard(dirC)(1000)).toBeGreaterThan(-40);
  });

  it('garbage from the device is counted and dropped; the call goes on', async () => {
    const dir = tempDir();
    const peer = await startEngine('peer', { autoAnswerSeconds: 0, recordDir: dir });
    const me = await deviceEngine();
    me.talk(660);
    const call = await callPeer(me.engine, peer);
    for (const junk of ['frame', 42, null, {}, new ArrayBuffer(10), new Uint8Array(DEVICE_FRAME_BYTES + 2), new Float32Array(960)]) {
      expect(me.device.pushMicrophone(junk)).toBe(false);
    }
    expect(me.device.stats.dropped).toEqual({ 'not-binary': 4, 'wrong-size': 3 });
    await sleep(1000);
    await me.engine.request('calls:hangup', { callId: call.id });
    await sleep(200);
    expect(heard(dir)(660)).toBeGreaterThan(-40);
  });

  it('with no microphone frames a call sends its headless source as before', async () => {
    const dir = tempDir();
    const peer = await startEngine('peer', { autoAnswerSeconds: 0, recordDir: dir });
    const device = new AudioDevice();
    const me = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'me', features: { calls: { device, play: 'tone:770' } } });
    device.follow(me.events);
    running.push(me);
    await me.start();
    const call = await callPeer(me, peer);
    await sleep(1000);
    await me.request('calls:hangup', { callId: call.id });
    await sleep(200);
    expect(device.live).toBe(false);
    expect(heard(dir)(770)).toBeGreaterThan(-40);
  });
});
