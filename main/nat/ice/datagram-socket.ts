/** Where a datagram came from or goes. */
export interface DatagramAddress {
  readonly address: string;
  readonly port: number;
}

/**
 * What media needs of a datagram path: the shape of a bound UDP media socket, so a plain
 * socket, an ICE-selected pair or a candidate's socket can carry RTP alike.
 */
export interface DatagramSocket {
  /** The local address and port this path receives on (as advertised). */
  readonly address: string;
  readonly port: number;
  onMessage(handler: (data: Buffer, from: DatagramAddress) => void, onError: (err: Error) => void): void;
  send(data: Uint8Array, port: number, address: string, onError: (err: NodeJS.ErrnoException) => void, done?: () => void): void;
  close(): void;
}
