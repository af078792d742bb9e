import { EventEmitter } from 'node:events';

/** A stand-in for Electron's MessagePortMain: what the main process posts is recorded. */
export class FakeMessagePortMain extends EventEmitter {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    if (!this.closed) this.posted.push(structuredClone(message));
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
  /** The renderer's side posts `data` (as a MessageEvent-like object). */
  deliver(data: unknown): void {
    this.emit('message', { data, ports: [] });
  }
}

/** ipcMain's `on` for messages that carry ports (ipcRenderer.postMessage). */
export class FakeIpcMain extends EventEmitter {
  send(channel: string, sender: { id: number }, url: string, ports: FakeMessagePortMain[], parent: unknown = null): void {
    this.emit(channel, { sender, senderFrame: { parent, url }, ports });
  }
}
