import type { IpcMain, IpcMainEvent, MessagePortMain } from 'electron';
import { encodeDeviceFrame } from '../media/audio';
import type { UrlTrust } from './app-origin';
import { checkSender } from './ipc-handlers';

/** The preload hands the main process one end of a MessageChannel on this channel. */
export const AUDIO_PORT_CHANNEL = 'litesip:audio-port';

/** The engine's audio device (see engine/audio-device.ts). */
export interface ShellAudioDevice {
  pushMicrophone(data: unknown): boolean;
  onSpeaker(listener: (frame: Int16Array) => void): () => void;
}

type PortEvent = Pick<IpcMainEvent, 'senderFrame' | 'ports'> & { sender: { id: number } };

/**
 * The renderer's audio over a MessagePort per window. Each message is one device frame: an
 * ArrayBuffer of 1920 bytes, 20 ms of 48 kHz mono Int16 little-endian PCM (the renderer
 * transfers it). The main process answers with speaker frames of the same format (cloned:
 * Electron transfers only ports from the main process) once the renderer sends microphone
 * frames, and stops after an empty ArrayBuffer (the renderer's audio stopped, no call).
 * A window that reloads sends a new port; the old one is closed.
 */
export function registerAudioPorts(ipc: Pick<IpcMain, 'on' | 'removeListener'>, device: ShellAudioDevice, trusted: UrlTrust): () => void {
  const ports = new Map<number, MessagePortMain>();
  const talking = new Set<MessagePortMain>();
  const stopSpeaker = device.onSpeaker((frame) => {
    if (talking.size === 0) return;
    const bytes = encodeDeviceFrame(frame);
    for (const port of talking) port.postMessage(bytes);
  });
  const drop = (id: number): void => {
    const port = ports.get(id);
    if (!port) return;
    ports.delete(id);
    talking.delete(port);
    port.close();
  };
  const listener = (event: PortEvent): void => {
    const port = event.ports[0];
    if (!port) return;
    if (checkSender(event, trusted) || event.ports.length !== 1) {
      for (const p of event.ports) p.close();
      return;
    }
    const id = event.sender.id;
    drop(id);
    ports.set(id, port);
    port.on('message', (message) => {
      const data: unknown = message.data;
      if ((data instanceof ArrayBuffer || ArrayBuffer.isView(data)) && data.byteLength === 0) return void talking.delete(port);
      if (device.pushMicrophone(data)) talking.add(port);
    });
    port.on('close', () => {
      if (ports.get(id) === port) ports.delete(id);
      talking.delete(port);
    });
    port.start();
  };
  ipc.on(AUDIO_PORT_CHANNEL, listener as unknown as (event: IpcMainEvent) => void);
  return () => {
    ipc.removeListener(AUDIO_PORT_CHANNEL, listener as unknown as (event: IpcMainEvent) => void);
    stopSpeaker();
    for (const id of [...ports.keys()]) drop(id);
  };
}
