import type net from 'node:net';
import { ListenError } from './errors';
import type { StreamTransport } from './stream-connection';
import type { TransportAddress } from './transport-address';

/** A bound TCP or TLS server socket; accepted sockets go to `onSocket`. */
export class StreamListener {
  private readonly sockets = new Set<net.Socket>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: net.Server,
    readonly local: TransportAddress,
  ) {}

  /**
   * Listens on `host:port` (port 0 lets the OS choose) and reports the bound address.
   * `acceptEvent` is 'connection' for TCP and 'secureConnection' for TLS.
   */
  static listen(
    server: net.Server,
    transport: StreamTransport,
    host: string,
    port: number,
    acceptEvent: 'connection' | 'secureConnection',
    onSocket: (socket: net.Socket) => void,
  ): Promise<StreamListener> {
    let listener: StreamListener | undefined;
    return new Promise((resolve, reject) => {
      const fail = (err: Error): void => {
        server.close();
        reject(new ListenError({ transport, host, port }, err));
      };
      server.once('error', fail);
      server.on('connection', (socket: net.Socket) => {
        // Accepted sockets are tracked from the first byte, so close() can always end them.
        socket.on('error', () => undefined);
        listener?.track(socket);
      });
      server.on(acceptEvent, (socket: net.Socket) => {
        if (listener?.closing) socket.destroy();
        else onSocket(socket);
      });
      server.listen({ host, port, ipv6Only: host.includes(':') }, () => {
        server.off('error', fail);
        server.on('error', () => undefined);
        const a = server.address() as net.AddressInfo;
        listener = new StreamListener(server, { transport, host: a.address, port: a.port });
        resolve(listener);
      });
    });
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Stops accepting and destroys every socket it accepted; resolves when the port is free. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }
}
