import { describe, expect, it } from 'vitest';
import { AudioDevice } from '../../main/engine';
import { decodeDeviceFrame, encodeDeviceFrame, FRAME_SAMPLES } from '../../main/media/audio';
import { trustOrigins } from '../../main/shell/app-origin';
import { AUDIO_PORT_CHANNEL, registerAudioPorts } from '../../main/shell/audio-port';
import type { CallInfo } from '../../shared/ipc';
import { FakeIpcMain, FakeMessagePortMain } from './fake-message-port';

const APP = 'app://litesip/index.html';
const connected = { id: 'call-1', state: 'connected', held: false, remoteHeld: false, direction: 'outgoing', peer: 'sip:bob@127.0.0.1', startedAt: 0, answeredAt: 1, muted: false, encryption: 'none' } as CallInfo;

function frameOf(value: number): ArrayBuffer {
  return encodeDeviceFrame(new Int16Array(FRAME_SAMPLES).fill(value));
}

function setUp() {
  const ipc = new FakeIpcMain();
  const device = new AudioDevice();
  const remove = registerAudioPorts(ipc as never, device, trustOrigins(['app://litesip']));
  return { ipc, device, remove };
}

describe('audio MessagePort between the renderer and the engine', () => {
  it('microphone frames reach the active call and its audio comes back to the window', () => {
    const { ipc, device } = setUp();
    device.callChanged(connected);
    const leg = device.leg('call-1', { read: () => new Int16Array(FRAME_SAMPLES).fill(-1), close: () => undefined });
    const port = new FakeMessagePortMain();
    ipc.send(AUDIO_PORT_CHANNEL, { id: 1 }, APP, [port]);
    expect(port.started).toBe(true);

    for (const v of [100, 200, 300]) port.deliver(frameOf(v));
    // The call's media loop reads the microphone: the queue primes with two frames, then flows in order.
    expect(leg.source.read()![0]).toBe(100);
    expect(leg.source.read()![0]).toBe(200);

    // What the call plays goes to the window, as a 1920-byte Int16 frame.
    leg.sink.write(new Int16Array(FRAME_SAMPLES).fill(777));
    expect(port.posted).toHaveLength(1);
    const back = decodeDeviceFrame(port.posted[0]);
    expect((back as Int16Array)[959]).toBe(777);

    // An empty buffer: the renderer stopped its audio, nothing more is sent to it.
    port.deliver(new ArrayBuffer(0));
    leg.sink.write(new Int16Array(FRAME_SAMPLES));
    expect(port.posted).toHaveLength(1);
  });

  it('garbage from the port is counted and dropped; the port stays usable', () => {
    const { ipc, device } = setUp();
    device.callChanged(connected);
    const port = new FakeMessagePortMain();
    ipc.send(AUDIO_PORT_CHANNEL, { id: 1 }, APP, [port]);
    for (const junk of ['hello', { frame: 1 }, null, new ArrayBuffer(5), new Float32Array(FRAME_SAMPLES).buffer]) port.deliver(junk);
    expect(device.stats.dropped).toEqual({ 'not-binary': 3, 'wrong-size': 2 });
    expect(port.closed).toBe(false);
    expect(device.pushMicrophone(frameOf(1))).toBe(true);
  });

  it('refuses ports from other origins and subframes, and replaces a window\'s old port', () => {
    const { ipc, device, remove } = setUp();
    device.callChanged(connected);
    const evil = new FakeMessagePortMain();
    ipc.send(AUDIO_PORT_CHANNEL, { id: 1 }, 'https://evil.example/', [evil]);
    const framed = new FakeMessagePortMain();
    ipc.send(AUDIO_PORT_CHANNEL, { id: 1 }, APP, [framed], { url: APP });
    expect(evil.closed && framed.closed).toBe(true);
    expect(evil.started || framed.started).toBe(false);

    const first = new FakeMessagePortMain();
    ipc.send(AUDIO_PORT_CHANNEL, { id: 1 }, APP, [first]);
    const reloaded = new FakeMessagePortMain();
    ipc.send(AUDIO_PORT_CHANNEL, { id: 1 }, APP, [reloaded]);
    expect(first.closed).toBe(true);
    expect(reloaded.closed).toBe(false);
    remove();
    expect(reloaded.closed).toBe(true);
    expect(ipc.listenerCount(AUDIO_PORT_CHANNEL)).toBe(0);
  });
});

describe('preload audio API', () => {
  it('opens a channel: one end to the main process, the other to the page', async () => {
    const { buildAudioApi, AUDIO_PORT_CHANNEL: preloadChannel } = await import('../../preload/audio-port');
    expect(preloadChannel).toBe(AUDIO_PORT_CHANNEL);
    const { MessageChannel } = await import('node:worker_threads');
    type Port = InstanceType<typeof MessageChannel>['port1'];
    const toMain: Port[] = [];
    const toPage: Port[] = [];
    const api = buildAudioApi({ channel: () => new MessageChannel(), toMain: (p) => toMain.push(p), toPage: (p) => toPage.push(p) });
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).toEqual(['open']);
    api.open();
    expect(toMain).toHaveLength(1);
    expect(toPage).toHaveLength(1);
    const got = new Promise<unknown>((resolve) => toMain[0]!.once('message', (m) => resolve(m)));
    toPage[0]!.postMessage('ping');
    expect(await got).toBe('ping');
    toMain[0]!.close();
    toPage[0]!.close();
  });
});
