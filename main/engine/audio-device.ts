import type { CallInfo } from '../../shared/ipc';
import { systemClock, type Clock } from '../lib/clock';
import { decodeDeviceFrame, FRAME_SAMPLES, type AudioSink, type AudioSource, type DeviceFrameFault } from '../media/audio';
import { FrameQueue } from '../media/mixer';

/** What the device has seen, for diagnostics and tests. */
export interface AudioDeviceStats {
  /** Microphone frames taken for a call. */
  microphoneFrames: number;
  /** Microphone frames that arrived while no call was active (dropped, as they should be). */
  idleFrames: number;
  /** Frames given to the speaker. */
  speakerFrames: number;
  /** Garbage the device sent, by fault (not binary, wrong size); dropped without harm. */
  dropped: Record<DeviceFrameFault, number>;
}

/** One call's audio through the device: the call sends `source` and plays into `sink`. */
export interface DeviceLeg {
  readonly source: AudioSource;
  readonly sink: AudioSink;
}

type CallEvents = { on(name: 'calls:changed', listener: (info: CallInfo) => void): () => void };

export interface AudioDeviceOptions {
  clock?: Clock;
  /** The microphone counts as attached while its last frame is at most this old (default 200 ms). */
  liveMs?: number;
}

/**
 * The local user's microphone and speaker as the engine sees them (the desktop app's renderer,
 * or a browser over the web bridge): 20 ms frames at 48 kHz in, 20 ms frames out.
 *
 * The microphone feeds the active call, the one connected and held by neither side (the most
 * recently answered when several are), or the whole local conference when that call is in one;
 * the speaker gets that call's (or the conference's) received audio. Held calls neither hear nor
 * are heard; with no active call nothing reaches the speaker, which then plays silence. While no
 * microphone frames arrive every call keeps its headless source, exactly as without a device.
 */
export class AudioDevice {
  readonly stats: AudioDeviceStats = { microphoneFrames: 0, idleFrames: 0, speakerFrames: 0, dropped: { 'not-binary': 0, 'wrong-size': 0 } };
  private readonly clock: Clock;
  private readonly liveMs: number;
  private readonly microphone = new FrameQueue(8, 3, 2);
  private lastMicrophoneAt = Number.NEGATIVE_INFINITY;
  private readonly calls = new Map<string, CallInfo>();
  private active = new Set<string>();
  private readonly speakers = new Set<(frame: Int16Array) => void>();

  constructor(options: AudioDeviceOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.liveMs = options.liveMs ?? 200;
  }

  /** Whether microphone frames are arriving (a device is attached and running). */
  get live(): boolean {
    return this.clock.now() - this.lastMicrophoneAt <= this.liveMs;
  }

  /** The calls the microphone and speaker are connected to now. */
  get activeCallIds(): string[] {
    return [...this.active];
  }

  /** One microphone frame from the device (see device-frame.ts); garbage is counted and dropped. */
  pushMicrophone(data: unknown): boolean {
    const frame = decodeDeviceFrame(data);
    if (typeof frame === 'string') {
      this.stats.dropped[frame]++;
      return false;
    }
    this.lastMicrophoneAt = this.clock.now();
    if (this.active.size === 0) {
      this.stats.idleFrames++;
      return true;
    }
    this.microphone.push(frame);
    return true;
  }

  /** Frames for the speaker as the active call plays them; returns the unsubscribe. */
  onSpeaker(listener: (frame: Int16Array) => void): () => void {
    this.speakers.add(listener);
    return () => this.speakers.delete(listener);
  }

  /** Keeps up with the calls (the engine's calls:changed events); returns the unsubscribe. */
  follow(events: CallEvents): () => void {
    return events.on('calls:changed', (info) => this.callChanged(info));
  }

  callChanged(info: CallInfo): void {
    if (info.state === 'ended') this.calls.delete(info.id);
    else this.calls.set(info.id, info);
    this.choose();
  }

  /**
   * A call's audio through the device. While the device is not feeding, the call sends
   * `headless` (its --play source or silence) as it would without a device.
   */
  leg(callId: string, headless: AudioSource): DeviceLeg {
    return {
      source: {
        read: () => {
          if (!this.live) return headless.read();
          if (!this.active.has(callId)) return new Int16Array(FRAME_SAMPLES);
          const frame = this.microphone.shift();
          if (frame) this.stats.microphoneFrames++;
          return frame ?? new Int16Array(FRAME_SAMPLES);
        },
        close: () => headless.close(),
      },
      sink: {
        write: (frame) => {
          if (!this.active.has(callId) || this.speakers.size === 0) return;
          this.stats.speakerFrames++;
          for (const speaker of this.speakers) speaker(frame);
        },
        close: () => undefined,
      },
    };
  }

  private choose(): void {
    const talking = [...this.calls.values()].filter((c) => c.state === 'connected' && !c.held && !c.remoteHeld && !c.voicemail);
    const conference = talking.find((c) => c.conferenceId !== undefined)?.conferenceId;
    let next: Set<string>;
    if (conference !== undefined) {
      // The mixer reads the microphone and feeds the speaker through its first party: every member is live.
      next = new Set([...this.calls.values()].filter((c) => c.conferenceId === conference).map((c) => c.id));
    } else {
      const latest = talking.sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0];
      next = new Set(latest ? [latest.id] : []);
    }
    if (next.size === 0) this.microphone.clear();
    this.active = next;
  }
}
