import type net from 'node:net';
import type { Clock, TimerHandle } from '../../lib/clock';
import { ConnectionTable } from './connection-table';
import { TransportClosedError } from './errors';
import { StreamConnection, type StreamConnectionDelegate, type StreamTransport } from './stream-connection';
import { connectTcp } from './tcp-transport';
import { connectTls, type TlsOptions } from './tls-transport';
import { addressKey, type TransportAddress } from './transport-address';

export interface ConnectionManagerOptions {
  clock: Clock;
  connectTimeoutMs: number;
  tls: TlsOptions;
  /** Receives the bytes and the close of every connection, inbound and outbound. */
  delegate: StreamConnectionDelegate;
  /** Close connections without traffic either way for this long (0: never). */
  idleTimeoutMs: number;
  /** Accepted connections beyond this many are refused at once (a flood must not take every descriptor). */
  maxInboundConnections: number;
  /** Connections that must stay open while idle (flows with keep-alives). */
  isPinned(connection: StreamConnection): boolean;
  /** The source address for a new connection to `remote` (a listener's IP), if any. */
  localAddressFor(remote: TransportAddress): string | undefined;
}

export interface ConnectTarget extends TransportAddress {
  transport: StreamTransport;
  /** RFC 5922: the SIP domain the TLS certificate must name; the host when absent. */
  serverName?: string;
}

/**
 * Owns every TCP/TLS connection (RFC 3261 §18): accepted ones and the ones we open,
 * found again by remote address or alias so requests and responses reuse them.
 */
export class ConnectionManager {
  readonly table = new ConnectionTable<StreamConnection>();
  private readonly pending = new Map<string, Promise<StreamConnection>>();
  private closed = false;
  private readonly aborter = new AbortController();
  private sweepTimer: TimerHandle | undefined;
  private inbound = 0;

  constructor(private readonly options: ConnectionManagerOptions) {}

  /** Takes over a socket a listener accepted. */
  adopt(socket: net.Socket, transport: StreamTransport): StreamConnection | undefined {
    if (this.closed || this.inbound >= this.options.maxInboundConnections) {
      socket.destroy();
      return undefined;
    }
    this.inbound++;
    return this.track(new StreamConnection(socket, transport, false, this.options.delegate, this.now));
  }

  /** An open connection to `target` (by remote address or alias), else a new one. */
  async obtain(target: ConnectTarget): Promise<StreamConnection> {
    return this.table.find(target) ?? this.open(target);
  }

  /** Opens a new connection; concurrent calls for the same target share one attempt. */
  open(target: ConnectTarget): Promise<StreamConnection> {
    if (this.closed) return Promise.reject(new TransportClosedError());
    const key = `${addressKey(target)}|${target.serverName ?? ''}`;
    const existing = this.pending.get(key);
    if (existing) return existing;
    const attempt = this.connect(target).finally(() => this.pending.delete(key));
    this.pending.set(key, attempt);
    return attempt;
  }

  /** Closes every connection, inbound and outbound; new ones are refused from now on. */
  async closeAll(): Promise<void> {
    this.closed = true;
    this.options.clock.clearTimeout(this.sweepTimer);
    this.aborter.abort();
    await Promise.allSettled([...this.pending.values()]);
    await Promise.all(this.table.all().map((c) => c.close()));
  }

  private async connect(target: ConnectTarget): Promise<StreamConnection> {
    const common = {
      clock: this.options.clock,
      timeoutMs: this.options.connectTimeoutMs,
      localAddress: this.options.localAddressFor(target),
      signal: this.aborter.signal,
    };
    const socket =
      target.transport === 'tls'
        ? await connectTls(target, { ...common, serverName: target.serverName ?? target.host, tls: this.options.tls })
        : await connectTcp(target, common);
    if (this.closed) {
      socket.destroy();
      throw new TransportClosedError();
    }
    const connection = this.track(new StreamConnection(socket, target.transport, true, this.options.delegate, this.now));
    // Found again under the address we dialled, which may be a name rather than the IP.
    this.table.alias(target, connection);
    return connection;
  }

  private track(connection: StreamConnection): StreamConnection {
    this.table.add(connection);
    this.armSweep();
    return connection;
  }

  private readonly now = (): number => this.options.clock.now();

  /** Idle connections are closed by a sweep every quarter of the idle time, while any are open. */
  private armSweep(): void {
    const idle = this.options.idleTimeoutMs;
    if (idle <= 0 || this.sweepTimer || this.closed) return;
    this.sweepTimer = this.options.clock.setTimeout(() => {
      this.sweepTimer = undefined;
      const cutoff = this.now() - idle;
      for (const c of this.table.all()) {
        if (c.lastActivity <= cutoff && !this.options.isPinned(c)) void c.close();
      }
      if (this.table.size > 0) this.armSweep();
    }, idle / 4);
  }

  /** Forgets a connection that closed (called by the owner from onClose). */
  forget(connection: StreamConnection): void {
    if (!connection.outbound && this.table.byIdIncludingClosed(connection.id) === connection) this.inbound--;
    this.table.remove(connection);
  }
}
