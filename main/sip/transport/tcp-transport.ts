import net from 'node:net';
import type { Clock } from '../../lib/clock';
import { ConnectError } from './errors';
import { StreamListener } from './stream-listener';
import type { HostPort } from './transport-address';

/** RFC 3261 §18: a TCP listener; each accepted socket goes to `onSocket`. */
export function listenTcp(host: string, port: number, onSocket: (socket: net.Socket) => void): Promise<StreamListener> {
  return StreamListener.listen(net.createServer(), 'tcp', host, port, 'connection', onSocket);
}

export interface ConnectOptions {
  clock: Clock;
  /** Gives up after this long (RFC 3261 leaves it to the transaction's Timer B/F; we cap it too). */
  timeoutMs: number;
  /** Source address, so the peer sees the same IP our listener has. */
  localAddress?: string;
  /** Aborts the attempt (the transport layer is closing). */
  signal?: AbortSignal;
}

/** Destroys `socket` when `signal` aborts before the attempt settles; returns the undo. */
export function abortWith(socket: net.Socket, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  const abort = (): void => void socket.destroy(new Error('the transport is closing'));
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

/** Opens a TCP connection; rejects with ConnectError, never throws. */
export function connectTcp(remote: HostPort, options: ConnectOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: remote.host, port: remote.port, localAddress: options.localAddress });
    const timer = options.clock.setTimeout(() => socket.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    const release = abortWith(socket, options.signal);
    socket.once('error', (err) => {
      release();
      options.clock.clearTimeout(timer);
      reject(new ConnectError({ transport: 'tcp', ...remote }, err));
    });
    socket.once('connect', () => {
      release();
      options.clock.clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}
