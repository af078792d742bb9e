import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './build-api';
import { AUDIO_PORT_CHANNEL, AUDIO_PORT_MESSAGE, buildAudioApi } from './audio-port';

// The renderer sees `window.litesip` only; ipcRenderer itself never crosses the bridge.
const api = buildApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (channel, listener) => {
    // The IPC event object stays here: it would hand the renderer `sender` (ipcRenderer).
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('litesip', api);

// Audio: a MessagePort per open(), one end to the main process, the other to this page only.
contextBridge.exposeInMainWorld(
  'litesipAudio',
  buildAudioApi({
    channel: () => new MessageChannel(),
    toMain: (port) => ipcRenderer.postMessage(AUDIO_PORT_CHANNEL, null, [port]),
    toPage: (port) => {
      const page = globalThis as unknown as { location: { origin: string }; postMessage(message: unknown, origin: string, transfer: unknown[]): void };
      const origin = page.location.origin;
      page.postMessage(AUDIO_PORT_MESSAGE, origin === 'null' ? '*' : origin, [port]);
    },
  }),
);
