import dgram from 'node:dgram';
import net from 'node:net';
import { ListenError, SendError, reason } from './errors';
import { isMulticast } from './local-address';
import { normalizeHost, type HostPort, type TransportAddress } from './transport-address';

export type DatagramHandler = (data: Buffer, remote: HostPort, listener: UdpTransport) => void;

/** RFC 3261 §18: one bound UDP socket, used both to listen and to send (RFC 3581 §4 symmetry). */
export class UdpTransport {
  private closed = false;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly local: TransportAddress,
  ) {}

  /** Binds `host:port` (port 0 lets the OS choose) and reports the real bound address. */
  static bind(host: string, port: number, onDatagram: DatagramHandler): Promise<UdpTransport> {
    const family = net.isIPv6(host) ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({ type: family, ipv6Only: family === 'udp6' });
    return new Promise((resolve, reject) => {
      const fail = (err: Error): void => {
        socket.close();
        reject(new ListenError({ transport: 'udp', host, port }, err));
      };
      socket.once('error', fail);
      socket.bind(port, host, () => {
        socket.off('error', fail);
        const a = socket.address();
        const udp = new UdpTransport(socket, { transport: 'udp', host: a.address, port: a.port });
        // A send error to an unreachable port (ICMP) must never take the process down.
        socket.on('error', () => undefined);
        socket.on('message', (data, rinfo) => {
          if (!udp.closed) onDatagram(data, { host: normalizeHost(rinfo.address), port: rinfo.port }, udp);
        });
        resolve(udp);
      });
    });
  }

  get family(): 4 | 6 {
    return net.isIPv6(this.local.host) ? 6 : 4;
  }

  /** Sends one datagram (with `ttl` when it goes to a multicast group); rejects with SendError instead of throwing. */
  send(data: Buffer | string, host: string, port: number, ttl?: number): Promise<void> {
    if (this.closed) return Promise.reject(new SendError('The UDP socket is closed'));
    return new Promise((resolve, reject) => {
      try {
        if (ttl !== undefined && isMulticast(host)) this.socket.setMulticastTTL(ttl);
        this.socket.send(data, port, normalizeHost(host), (err) => {
          if (err) reject(new SendError(`UDP send to ${host}:${port} failed: ${reason(err)}`, { cause: err }));
          else resolve();
        });
      } catch (err) {
        reject(new SendError(`UDP send to ${host}:${port} failed: ${reason(err)}`, { cause: err }));
      }
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
