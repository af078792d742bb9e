import type { AudioDevices, CallInfo, LiteSipApi } from '../../../shared/ipc';
import workletUrl from './audio-worklet.ts?worker&url';
import type { AudioLinkOpener } from './audio-links';
import { microphoneConstraints, playPattern, routeTo } from './device-control';
import { PATTERNS, toneFor, wantsAudio, type LocalTone } from './tones';

const PROCESSOR = 'litesip-call-audio';

/** A running call audio path: the microphone open, the worklet running, the link to the engine. */
interface Running {
  context: AudioContext;
  stream: MediaStream;
  node: AudioWorkletNode;
}

export interface CallAudioOptions {
  api: LiteSipApi;
  openLink: AudioLinkOpener;
  /** Called with the microphone level (dBFS) about ten times a second while a call runs. */
  onLevel?: (dbfs: number) => void;
  /** Called when the microphone or speaker cannot be opened. */
  onError?: (message: string) => void;
}

/**
 * The call's sound in the renderer: when a call connects, the microphone opens (echo
 * cancellation, noise suppression, automatic gain) and an AudioWorklet exchanges 20 ms frames
 * with the engine; when no call is connected any more it all stops and the microphone is
 * released. Ringtone (on the ringer device), ringback and call waiting are generated here.
 */
export class CallAudio {
  private readonly calls = new Map<string, CallInfo>();
  private devices: AudioDevices = { microphone: '', speaker: '', ringer: '' };
  private running: Running | undefined;
  private starting: Promise<void> | undefined;
  private tone: { kind: LocalTone; device: string; stop: Promise<() => void> } | undefined;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly options: CallAudioOptions) {}

  async start(): Promise<void> {
    const { api } = this.options;
    this.offs.push(
      api.on('calls:changed', (call) => this.callChanged(call)),
      api.on('settings:changed', (s) => this.setDevices(s.audioDevices)),
    );
    const [settings, calls] = await Promise.all([api.settings.get(), api.calls.list()]);
    if (settings.ok) this.setDevices(settings.value.audioDevices);
    if (calls.ok) for (const c of calls.value) this.callChanged(c);
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.calls.clear();
    this.update();
  }

  private callChanged(call: CallInfo): void {
    if (call.state === 'ended') this.calls.delete(call.id);
    else this.calls.set(call.id, call);
    this.update();
  }

  private setDevices(devices: AudioDevices | undefined): void {
    if (!devices) return;
    const micChanged = devices.microphone !== this.devices.microphone;
    this.devices = devices;
    if (this.running) {
      void routeTo(this.running.context, devices.speaker).catch(() => undefined);
      // A new microphone takes effect at once: the path restarts on it.
      if (micChanged) void this.stopAudio().then(() => this.update());
    }
    if (this.tone) {
      this.stopTone();
      this.update();
    }
  }

  private update(): void {
    const calls = [...this.calls.values()];
    if (wantsAudio(calls)) this.startAudio();
    else void this.stopAudio();
    const kind = toneFor(calls);
    const device = kind === 'ringtone' ? this.devices.ringer : this.devices.speaker;
    if (this.tone && (this.tone.kind !== kind || this.tone.device !== device)) this.stopTone();
    if (kind && !this.tone) this.tone = { kind, device, stop: playPattern(PATTERNS[kind], device) };
  }

  private stopTone(): void {
    void this.tone?.stop.then((stop) => stop()).catch(() => undefined);
    this.tone = undefined;
  }

  private startAudio(): void {
    if (this.running || this.starting) return;
    this.starting = this.open()
      .catch((err: unknown) => this.options.onError?.(err instanceof Error ? err.message : String(err)))
      .finally(() => {
        this.starting = undefined;
        // The last call may have ended while the path opened.
        if (this.running && !wantsAudio([...this.calls.values()])) void this.stopAudio();
      });
  }

  private async open(): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints(this.devices.microphone));
    // 48 kHz asks for no resampling; a context at another rate is resampled in the worklet.
    const context = new AudioContext({ latencyHint: 'interactive', sampleRate: 48000 });
    try {
      // Browsers start a context suspended until the page has been interacted with; placing or answering a call is that.
      void context.resume().catch(() => undefined);
      await routeTo(context, this.devices.speaker).catch(() => undefined);
      await context.audioWorklet.addModule(workletUrl);
      const node = new AudioWorkletNode(context, PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
      node.port.onmessage = (e: MessageEvent) => {
        const level = (e.data as { level?: unknown } | null)?.level;
        if (typeof level === 'number') this.options.onLevel?.(level);
      };
      context.createMediaStreamSource(stream).connect(node);
      node.connect(context.destination);
      const link = await this.options.openLink();
      node.port.postMessage({ link }, [link]);
      this.running = { context, stream, node };
    } catch (err) {
      for (const track of stream.getTracks()) track.stop();
      void context.close();
      throw err;
    }
  }

  private async stopAudio(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.node.port.postMessage({ stop: true });
    for (const track of running.stream.getTracks()) track.stop();
    // A moment for the worklet's last message (the engine learns the audio stopped).
    await new Promise((r) => setTimeout(r, 50));
    running.node.disconnect();
    await running.context.close().catch(() => undefined);
  }
}
