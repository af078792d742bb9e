/** Where the worklet's frames go: a MessagePort whose other end reaches the engine. */
export type AudioLinkOpener = () => Promise<MessagePort>;

/** The preload's `window.litesipAudio` (desktop app only). */
export interface DesktopAudioBridge {
  open(): void;
}

declare global {
  interface Window {
    litesipAudio?: DesktopAudioBridge;
  }
}

const PORT_MESSAGE = 'litesip:audio-port';

/** An ArrayBuffer from any realm (a port's messages may come from another one). */
function isArrayBuffer(x: unknown): x is ArrayBuffer {
  return Object.prototype.toString.call(x) === '[object ArrayBuffer]';
}
const TOKEN_KEY = 'litesip.token';

/**
 * Desktop app: the preload opens a MessageChannel whose other end is in the main process and
 * posts this end to the page; the worklet then talks to the engine directly.
 */
export function desktopAudioLink(win: Window = window): AudioLinkOpener | undefined {
  const bridge = win.litesipAudio;
  if (!bridge) return undefined;
  return () =>
    new Promise<MessagePort>((resolve, reject) => {
      const timer = setTimeout(() => {
        win.removeEventListener('message', onMessage);
        reject(new Error('The audio connection to LiteSIP did not open.'));
      }, 3000);
      function onMessage(e: MessageEvent): void {
        const port = e.ports[0];
        if (e.source !== win || e.data !== PORT_MESSAGE || !port) return;
        clearTimeout(timer);
        win.removeEventListener('message', onMessage);
        resolve(port);
      }
      win.addEventListener('message', onMessage);
      bridge.open();
    });
}

/**
 * Browser: a WebSocket of its own to the web bridge (same token as the contract's), carrying
 * the frames as binary messages, relayed to and from a local MessageChannel. An empty buffer
 * from the worklet (its audio stopped) is passed on and closes the socket.
 */
export function webAudioLink(win: Window = window, createSocket: (url: string) => WebSocket = (u) => new WebSocket(u)): AudioLinkOpener {
  return () =>
    new Promise<MessagePort>((resolve, reject) => {
      const token = win.sessionStorage.getItem(TOKEN_KEY);
      if (!token) return reject(new Error('Not connected to LiteSIP.'));
      const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = createSocket(`${scheme}//${win.location.host}/ws?token=${encodeURIComponent(token)}`);
      ws.binaryType = 'arraybuffer';
      const { port1, port2 } = new MessageChannel();
      ws.addEventListener('open', () => resolve(port1));
      ws.addEventListener('error', () => reject(new Error('The audio connection to LiteSIP did not open.')));
      ws.addEventListener('close', () => port2.close());
      ws.addEventListener('message', (e: MessageEvent) => {
        if (isArrayBuffer(e.data)) port2.postMessage(e.data, [e.data]);
      });
      port2.onmessage = (e: MessageEvent) => {
        const data: unknown = e.data;
        if (!isArrayBuffer(data) || ws.readyState !== 1) return; // 1: OPEN
        ws.send(data);
        if (data.byteLength === 0) ws.close();
      };
    });
}
