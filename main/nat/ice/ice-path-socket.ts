import type { DatagramAddress, DatagramSocket } from './datagram-socket';
import type { IceAgent } from './ice-agent';

/**
 * Media over ICE: whatever is sent goes on the selected pair (RFC 8445 §12.1), whatever arrives
 * on any candidate is reported as coming from the selected pair's remote address.
 */
export class IcePathSocket implements DatagramSocket {
  private closed = false;

  constructor(private readonly agent: IceAgent) {}

  get address(): string {
    return this.agent.advertised.address;
  }

  get port(): number {
    return this.agent.advertised.port;
  }

  onMessage(handler: (data: Buffer, from: DatagramAddress) => void): void {
    this.agent.onData((data) => {
      if (this.closed) return;
      const remote = this.agent.selected?.remote;
      if (remote) handler(data, { address: remote.address, port: remote.port });
    });
  }

  /** The address is the selected pair's; what the caller names is ignored. */
  send(data: Uint8Array, _port: number, _address: string, onError: (err: NodeJS.ErrnoException) => void, done?: () => void): void {
    if (!this.closed) this.agent.send(Buffer.from(data.buffer, data.byteOffset, data.byteLength), onError);
    done?.();
  }

  /** The ICE agent owns the sockets and closes them. */
  close(): void {
    this.closed = true;
  }
}
