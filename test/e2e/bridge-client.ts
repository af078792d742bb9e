import WebSocket from 'ws';

type Frame = { id?: number; result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } }; event?: string; payload?: unknown };

/**
 * Drives a headless engine through its web bridge, the same contract the UI uses: requests
 * answer with their value (an error value fails the test), events are kept and can be awaited.
 */
export class BridgeClient {
  readonly events: { event: string; payload: unknown }[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (frame: Frame) => void>();
  private waiters: { event: string; match: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (typeof frame.event === 'string') {
        this.events.push({ event: frame.event, payload: frame.payload });
        this.waiters = this.waiters.filter((w) => (w.event === frame.event && w.match(frame.payload) ? (w.resolve(frame.payload), false) : true));
        return;
      }
      if (typeof frame.id === 'number') this.pending.get(frame.id)?.(frame);
    });
  }

  /** `web` is the URL `litesip run --web` printed (with its token). */
  static async connect(web: string): Promise<BridgeClient> {
    const url = new URL(web);
    // The bridge takes only its own page's origin.
    const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { origin: url.origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new BridgeClient(socket);
  }

  async call<T = unknown>(channel: string, payload?: unknown): Promise<T> {
    const id = this.nextId++;
    const frame = await new Promise<Frame>((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify(payload === undefined ? { id, channel } : { id, channel, payload }));
    });
    this.pending.delete(id);
    if (!frame.result?.ok) throw new Error(`${channel}: ${frame.result?.error?.code}: ${frame.result?.error?.message}`);
    return frame.result.value as T;
  }

  /** The first event (seen or to come) named `event` that passes `match`. */
  next<T = unknown>(event: string, match: (payload: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
    const seen = this.events.find((e) => e.event === event && match(e.payload as T));
    if (seen) return Promise.resolve(seen.payload as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ event, match: match as (p: unknown) => boolean, resolve: (p) => (clearTimeout(timer), resolve(p as T)) });
    });
  }

  close(): void {
    this.socket.close();
  }
}
