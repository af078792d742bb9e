/** Must match main/shell/audio-port.ts: the main process takes its end of the channel here. */
export const AUDIO_PORT_CHANNEL = 'litesip:audio-port';
/** The page's end arrives as a window message with this data and the port in `ports`. */
export const AUDIO_PORT_MESSAGE = 'litesip:audio-port';

export interface AudioPortDeps<Port> {
  channel(): { port1: Port; port2: Port };
  toMain(port: Port): void;
  toPage(port: Port): void;
}

/** What the page sees as `window.litesipAudio`: it can only ask for a fresh audio port. */
export interface AudioPortApi {
  open(): void;
}

/**
 * Opens a MessageChannel for the renderer's audio: one end to the main process
 * (ipcRenderer.postMessage with ports), the other to the page (window.postMessage), so the
 * page's AudioWorklet can exchange 20 ms frames with the engine without ipcRenderer.
 */
export function buildAudioApi<Port>(deps: AudioPortDeps<Port>): AudioPortApi {
  return Object.freeze({
    open: (): void => {
      const { port1, port2 } = deps.channel();
      deps.toMain(port1);
      deps.toPage(port2);
    },
  });
}
