import { levelDbfs } from './frames';
import { cadenceSteps, type TonePattern } from './tones';

/** One device as the settings list it. */
export interface AudioDeviceChoice {
  deviceId: string;
  kind: 'audioinput' | 'audiooutput';
  label: string;
}

/** What the audio settings need from the browser; a fake stands in for it in tests. */
export interface DeviceControl {
  /** False when the browser gives no microphone access at all. */
  readonly available: boolean;
  /** setSinkId support: speaker and ringer can be chosen. */
  readonly canChooseOutput: boolean;
  list(): Promise<AudioDeviceChoice[]>;
  /** Opens the microphone and reports its level (dBFS) about ten times a second; resolves with the stop. */
  meter(microphoneId: string, onLevel: (dbfs: number) => void): Promise<() => void>;
  /** A short 440 Hz tone on the chosen output. */
  testTone(sinkId: string): Promise<void>;
}

type SinkContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

/** Routes a context to an output device where the browser can (Chromium's AudioContext.setSinkId). */
export async function routeTo(context: AudioContext, sinkId: string): Promise<void> {
  const c = context as SinkContext;
  if (sinkId && typeof c.setSinkId === 'function') await c.setSinkId(sinkId);
}

/** The microphone as calls open it: echo cancellation, noise suppression and automatic gain on. */
export function microphoneConstraints(deviceId: string): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      channelCount: 1,
    },
    video: false,
  };
}

/** Plays a tone pattern on a device until the returned stop is called. */
export async function playPattern(pattern: TonePattern, sinkId: string, createContext: () => AudioContext = () => new AudioContext()): Promise<() => void> {
  const context = createContext();
  await routeTo(context, sinkId).catch(() => undefined); // an unknown device plays on the default one
  void context.resume().catch(() => undefined);
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  const oscillators = pattern.frequencies.map((f) => {
    const o = context.createOscillator();
    o.frequency.value = f;
    o.connect(gain);
    o.start();
    return o;
  });
  const share = 1 / Math.max(1, pattern.frequencies.length);
  const start = context.currentTime;
  // Ten minutes of cadence scheduled ahead; nothing rings longer than that.
  for (const [ms, level] of cadenceSteps(pattern, 600_000)) gain.gain.setValueAtTime(level * share, start + ms / 1000);
  return () => {
    for (const o of oscillators) o.stop();
    void context.close();
  };
}

/** The real browser behind the settings. */
export function browserDeviceControl(nav: Navigator | undefined = globalThis.navigator): DeviceControl {
  const media = nav?.mediaDevices;
  const available = typeof media?.getUserMedia === 'function';
  const canChooseOutput = typeof AudioContext !== 'undefined' && 'setSinkId' in AudioContext.prototype;
  return {
    available,
    canChooseOutput,
    async list() {
      if (!media) return [];
      const all = await media.enumerateDevices();
      return all
        .filter((d): d is MediaDeviceInfo & { kind: 'audioinput' | 'audiooutput' } => d.kind === 'audioinput' || d.kind === 'audiooutput')
        .filter((d) => d.deviceId !== '' && d.deviceId !== 'default')
        .map((d) => ({ deviceId: d.deviceId, kind: d.kind, label: d.label }));
    },
    async meter(microphoneId, onLevel) {
      if (!media) throw new Error('This browser gives no access to a microphone.');
      const stream = await media.getUserMedia(microphoneConstraints(microphoneId));
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      context.createMediaStreamSource(stream).connect(analyser);
      const block = new Float32Array(analyser.fftSize);
      const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(block);
        onLevel(levelDbfs(block));
      }, 100);
      return () => {
        clearInterval(timer);
        for (const track of stream.getTracks()) track.stop();
        void context.close();
      };
    },
    async testTone(sinkId) {
      const stop = await playPattern({ frequencies: [440], cadence: [1000, 1000], gain: 0.2 }, sinkId);
      await new Promise((r) => setTimeout(r, 1000));
      stop();
    },
  };
}
