import { describe, expect, it } from 'vitest';
import { desktopAudioLink, webAudioLink } from '../../renderer/src/audio/audio-links';

/** A WebSocket stand-in: records what is sent, lets the test deliver messages. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {
    super();
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  send(data: unknown): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
  deliver(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('audio links', () => {
  it('browser: a WebSocket of its own with the tab\'s token relays binary frames both ways', async () => {
    window.sessionStorage.setItem('litesip.token', 'tok en');
    const sockets: FakeSocket[] = [];
    const open = webAudioLink(window, (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s as unknown as WebSocket;
    });
    const linked = open();
    const socket = sockets[0]!;
    expect(socket.url).toBe(`ws://${window.location.host}/ws?token=tok%20en`);
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    const port = await linked;

    const got: unknown[] = [];
    port.onmessage = (e) => got.push(e.data);
    const speaker = new ArrayBuffer(1920);
    new Uint8Array(speaker)[0] = 7;
    socket.deliver(speaker);
    socket.deliver('{"event":"app:status"}');
    await tick();
    expect(got).toHaveLength(1);
    expect(new Uint8Array(got[0] as ArrayBuffer)[0]).toBe(7);

    port.postMessage(new ArrayBuffer(1920));
    port.postMessage(new ArrayBuffer(0));
    await tick();
    expect(socket.sent.map((d) => (d as ArrayBuffer).byteLength)).toEqual([1920, 0]);
    // The empty buffer said the audio stopped: the socket is closed.
    expect(socket.readyState).toBe(3);
    port.close();
  });

  it('browser: no token, no link', async () => {
    window.sessionStorage.removeItem('litesip.token');
    await expect(webAudioLink(window, () => new FakeSocket('') as unknown as WebSocket)()).rejects.toThrow(/Not connected/);
  });

  it('desktop: asks the preload for a port and takes only the one it posts to this window', async () => {
    expect(desktopAudioLink({} as Window)).toBeUndefined();
    const { port1, port2 } = new MessageChannel();
    const win = window as Window & { litesipAudio?: { open(): void } };
    win.litesipAudio = {
      open: () => {
        // Something else's message first, then the preload's.
        window.dispatchEvent(new MessageEvent('message', { data: 'other', source: window, ports: [] }));
        window.dispatchEvent(new MessageEvent('message', { data: 'litesip:audio-port', source: window, ports: [port2] }));
      },
    };
    const port = await desktopAudioLink(win)!();
    expect(port).toBe(port2);
    delete win.litesipAudio;
    port1.close();
  });
});
