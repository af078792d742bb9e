import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebBridge } from '../../main/cli/web';
import { AudioDevice, Communicator } from '../../main/engine';
import { decodeDeviceFrame, DEVICE_FRAME_BYTES, encodeDeviceFrame, readWavFile, toneDbfs, ToneSource } from '../../main/media/audio';
import { startEngine, waitCall } from '../helpers/engines';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function toneIn(frames: Int16Array[], hz: number): number {
  const samples = new Int16Array(frames.length * 960);
  frames.forEach((f, i) => samples.set(f, i * 960));
  return toneDbfs(samples, 48000, hz);
}

describe('web bridge audio: device frames over the WebSocket', () => {
  it('the browser microphone reaches the peer and the peer comes back as binary frames', async () => {
    const recordings = tempDir();
    const peer = await startEngine('peer', { autoAnswerSeconds: 0, play: 'tone:1000', recordDir: recordings });
    const device = new AudioDevice();
    const engine = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'web', features: { calls: { device } } });
    device.follow(engine.events);
    await engine.start();
    cleanup.push(() => engine.stop());
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LiteSIP</title>');
    const bridge = await WebBridge.start({ engine, rendererDir, port: 0, audio: device });
    cleanup.push(() => bridge.close());

    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws?token=${bridge.token}`, { origin: bridge.origin });
    const speaker: Int16Array[] = [];
    const texts: string[] = [];
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return void texts.push(data.toString());
      const frame = decodeDeviceFrame(data as Buffer);
      if (typeof frame !== 'string') speaker.push(frame);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const tone = new ToneSource(660, { levelDbfs: -10 });
    const mic = setInterval(() => ws.send(encodeDeviceFrame(tone.read()), { binary: true }), 20);
    cleanup.push(() => clearInterval(mic));

    // Garbage binary messages are dropped and counted; the socket stays up and nothing is answered.
    ws.send(Buffer.alloc(DEVICE_FRAME_BYTES - 1), { binary: true });
    ws.send(Buffer.alloc(7), { binary: true });

    const up = waitCall(engine, (c) => c.state === 'connected');
    ws.send(JSON.stringify({ id: 1, channel: 'calls:dial', payload: { target: peer.status().identity } }));
    const call = await up;
    await sleep(2000);
    expect(speaker.length).toBeGreaterThan(20);
    expect(toneIn(speaker.slice(-40), 1000)).toBeGreaterThan(-40);

    // An empty binary message: the browser stopped its audio, so no more frames go to it.
    ws.send(Buffer.alloc(0), { binary: true });
    clearInterval(mic);
    await sleep(300);
    const stopped = speaker.length;
    await sleep(400);
    expect(speaker.length).toBe(stopped);

    await engine.request('calls:hangup', { callId: call.id });
    await sleep(200);
    ws.close();
    expect(device.stats.dropped['wrong-size']).toBe(2);
    expect(texts.some((t) => t.includes('bad-frame'))).toBe(false);
    const file = fs.readdirSync(recordings)[0]!;
    const audio = readWavFile(path.join(recordings, file));
    expect(toneDbfs(audio.samples.subarray(Math.max(0, audio.samples.length - 96000), audio.samples.length - 24000), audio.sampleRate, 660)).toBeGreaterThan(-40);
  });

  it('without an audio device, binary messages are refused as before', async () => {
    const engine = new Communicator({ dataDir: tempDir(), listen: [] });
    await engine.start();
    cleanup.push(() => engine.stop());
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const bridge = await WebBridge.start({ engine, rendererDir, port: 0 });
    cleanup.push(() => bridge.close());
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws?token=${bridge.token}`, { origin: bridge.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    ws.send(encodeDeviceFrame(new Int16Array(960)), { binary: true });
    expect(JSON.parse(await reply)).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad-frame' } } });
    ws.close();
  });
});
