import { fail } from '../../../shared/ipc';
import type { Carrier } from './build-api';
import type { Connection, ConnectionState } from './connection';

interface Pending {
  resolve(value: unknown): void;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

/**
 * The browser carrier: contract requests as `{id, channel, payload}` frames over one
 * WebSocket, answers as `{id, result}`, events as `{event, payload}`. Reconnects with
 * backoff; requests made while disconnected are answered with an error value.
 */
export class WsCarrier implements Carrier, Connection {
  state: ConnectionState = 'connecting';
  private socket: WebSocket | undefined;
  private nextId = 1;
  private retryMs = RETRY_MIN_MS;
  private closedByUs = false;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(
    private readonly url: string,
    private readonly createSocket: (url: string) => WebSocket = (u) => new WebSocket(u),
  ) {
    this.open();
  }

  invoke(channel: string, payload: unknown): Promise<unknown> {
    if (this.state === 'closed') return Promise.resolve(fail('disconnected', 'Not connected to LiteSIP.'));
    const id = this.nextId++;
    const frame = JSON.stringify(payload === undefined ? { id, channel } : { id, channel, payload });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      if (this.state === 'open') this.socket?.send(frame);
      else this.queue.push(frame);
    });
  }

  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.close();
  }

  private open(): void {
    const socket = this.createSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = RETRY_MIN_MS;
      this.setState('open');
      for (const frame of this.queue.splice(0)) socket.send(frame);
    });
    socket.addEventListener('message', (e: MessageEvent) => this.onFrame(e.data));
    socket.addEventListener('close', () => {
      for (const p of this.pending.values()) p.resolve(fail('disconnected', 'Not connected to LiteSIP.'));
      this.pending.clear();
      this.queue.length = 0;
      if (this.closedByUs) return this.setState('closed');
      this.setState('closed');
      setTimeout(() => {
        this.setState('connecting');
        this.open();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    });
  }

  private onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(data) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.event === 'string') {
      for (const listener of [...(this.listeners.get(frame.event) ?? [])]) listener(frame.payload);
      return;
    }
    if (typeof frame.id === 'number') {
      const p = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      p?.resolve(frame.result);
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
