import type { WebSocket } from 'ws';
import { encodeDeviceFrame } from '../../media/audio';

/** The engine's audio device as the bridge sees it (see engine/audio-device.ts). */
export interface BridgeAudio {
  /** One microphone frame: 1920 bytes of 20 ms 48 kHz mono Int16 little-endian PCM; garbage is counted and dropped. */
  pushMicrophone(data: unknown): boolean;
  onSpeaker(listener: (frame: Int16Array) => void): () => void;
}

/**
 * Audio over the bridge's WebSocket: binary messages are device frames (text messages stay the
 * JSON contract). A browser that sends microphone frames gets the speaker's frames back as
 * binary messages of the same format; tabs that send none get no audio traffic.
 */
export class AudioRelay {
  private readonly talking = new Set<WebSocket>();
  private readonly stopSpeaker: () => void;

  constructor(private readonly audio: BridgeAudio) {
    this.stopSpeaker = audio.onSpeaker((frame) => {
      if (this.talking.size === 0) return;
      const bytes = encodeDeviceFrame(frame);
      for (const ws of this.talking) if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
    });
  }

  /**
   * A binary message from an authenticated socket: a microphone frame, or an empty message when
   * the browser stops its audio (no call). False when it was not a usable frame (counted by the device).
   */
  microphone(ws: WebSocket, data: Buffer | ArrayBuffer | Buffer[]): boolean {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data;
    if (bytes.byteLength === 0) {
      this.talking.delete(ws);
      return true;
    }
    if (!this.audio.pushMicrophone(bytes)) return false;
    if (!this.talking.has(ws)) {
      this.talking.add(ws);
      ws.once('close', () => this.talking.delete(ws));
    }
    return true;
  }

  close(): void {
    this.stopSpeaker();
    this.talking.clear();
  }
}
