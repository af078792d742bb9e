import type net from 'node:net';
import { SendError, reason } from './errors';
import { normalizeHost, type HostPort } from './transport-address';

export type StreamTransport = 'tcp' | 'tls';

/** What a connection tells its owner: bytes arrived, or it closed (with the cause, if any). */
export interface StreamConnectionDelegate {
  onData(connection: StreamConnection, chunk: Buffer): void;
  onClose(connection: StreamConnection, error?: Error): void;
}

let nextId = 1;

/** One TCP or TLS connection (RFC 3261 §18): either accepted by a listener or opened by us. */
export class StreamConnection {
  readonly id = nextId++;
  readonly local: HostPort;
  readonly remote: HostPort;
  /** When bytes last went either way, by the owner's clock (for idle closing). */
  lastActivity: number;
  private closedFlag = false;
  private closeError: Error | undefined;
  private readonly closedPromise: Promise<void>;

  constructor(
    private readonly socket: net.Socket,
    readonly transport: StreamTransport,
    /** True when we opened it (client side), false when a listener accepted it. */
    readonly outbound: boolean,
    private delegate: StreamConnectionDelegate,
    private readonly now: () => number = () => 0,
  ) {
    this.lastActivity = now();
    this.local = { host: normalizeHost(socket.localAddress ?? ''), port: socket.localPort ?? 0 };
    this.remote = { host: normalizeHost(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.lastActivity = this.now();
      if (!this.closedFlag) this.delegate.onData(this, chunk);
    });
    socket.on('error', (err) => {
      this.closeError ??= err;
    });
    // A half-closed peer gets the rest of our output, then the socket goes.
    socket.on('end', () => socket.end());
    this.closedPromise = new Promise((resolve) =>
      socket.once('close', () => {
        this.closedFlag = true;
        resolve();
        this.delegate.onClose(this, this.closeError);
      }),
    );
  }

  get closed(): boolean {
    return this.closedFlag || this.socket.destroyed;
  }

  /** Replaces the delegate, e.g. when the transport layer takes over a fresh client connection. */
  setDelegate(delegate: StreamConnectionDelegate): void {
    this.delegate = delegate;
  }

  /** Writes bytes; resolves once they are handed to the kernel, rejects with SendError. */
  send(data: Buffer | string): Promise<void> {
    if (this.closed) return Promise.reject(new SendError(`The ${this.transport} connection to ${this.describe()} is closed`));
    this.lastActivity = this.now();
    return new Promise((resolve, reject) => {
      this.socket.write(data, (err) => {
        if (err) reject(new SendError(`Write to ${this.describe()} failed: ${reason(err)}`, { cause: err }));
        else resolve();
      });
    });
  }

  /** Closes at once (no lingering), optionally recording why; resolves when the socket is gone. */
  close(error?: Error): Promise<void> {
    if (error) this.closeError ??= error;
    if (!this.socket.destroyed) this.socket.destroy();
    return this.closedPromise;
  }

  describe(): string {
    const host = this.remote.host.includes(':') ? `[${this.remote.host}]` : this.remote.host;
    return `${this.transport}:${host}:${this.remote.port}`;
  }
}
