import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { MediaBindError } from './errors';

export type DatagramHandler = (data: Buffer, from: { address: string; port: number }) => void;

/** One UDP socket for media: bound, sending, closing; errors reported, never thrown. */
export class MediaSocket {
  private closed = false;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly address: string,
    readonly port: number,
  ) {}

  /** Binds host:port (0 for any); resolves undefined when the port is taken. */
  static async bind(host: string, port: number): Promise<MediaSocket | undefined> {
    const socket = dgram.createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    return new Promise((resolve, reject) => {
      const fail = (err: NodeJS.ErrnoException): void => {
        socket.close();
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(undefined);
        else reject(new MediaBindError(host, err.message));
      };
      socket.once('error', fail);
      socket.bind(port, host, () => {
        socket.off('error', fail);
        resolve(new MediaSocket(socket, host, socket.address().port));
      });
    });
  }

  onMessage(handler: DatagramHandler, onError: (err: Error) => void): void {
    this.socket.on('message', (data, rinfo) => handler(data, { address: rinfo.address, port: rinfo.port }));
    this.socket.on('error', onError);
  }

  send(data: Uint8Array, port: number, address: string, onError: (err: NodeJS.ErrnoException) => void, done?: () => void): void {
    if (this.closed) return done?.();
    this.socket.send(data, port, address, (err) => {
      if (err) onError(err);
      done?.();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close();
  }
}

/**
 * The RTP socket and the RTCP socket of one stream. With a range, RTP takes an even port and
 * RTCP the next one (RFC 3550 §11); with port 0 both come from the OS and RTCP's is announced
 * with a=rtcp (RFC 3605).
 */
export async function bindMediaSockets(host: string, port: 0 | { min: number; max: number }): Promise<{ rtp: MediaSocket; rtcp: MediaSocket }> {
  if (port === 0) {
    // RFC 3550 §11: RTP on an even port and RTCP on the next, which peers that do not read
    // a=rtcp (RFC 3605) assume; after a few tries any two ports do, with a=rtcp announcing it.
    for (let attempt = 0; attempt < 8; attempt++) {
      const rtp = await MediaSocket.bind(host, 0);
      if (!rtp) break;
      const rtcp = rtp.port % 2 === 0 && rtp.port < 65535 ? await MediaSocket.bind(host, rtp.port + 1) : undefined;
      if (rtcp) return { rtp, rtcp };
      rtp.close();
    }
    const rtp = await MediaSocket.bind(host, 0);
    const rtcp = rtp && (await MediaSocket.bind(host, 0));
    if (!rtp || !rtcp) {
      rtp?.close();
      throw new MediaBindError(host, 'the OS gave no free port');
    }
    return { rtp, rtcp };
  }
  const first = port.min + (port.min % 2);
  const evens = Math.floor((port.max - 1 - first) / 2) + 1;
  if (evens <= 0) throw new MediaBindError(host, `range ${port.min}-${port.max} holds no even/odd port pair`);
  const offset = Math.floor(Math.random() * evens);
  for (let i = 0; i < evens; i++) {
    const p = first + 2 * ((offset + i) % evens);
    const rtp = await MediaSocket.bind(host, p);
    if (!rtp) continue;
    const rtcp = await MediaSocket.bind(host, p + 1);
    if (rtcp) return { rtp, rtcp };
    rtp.close();
  }
  throw new MediaBindError(host, `no free port pair in ${port.min}-${port.max}`);
}
