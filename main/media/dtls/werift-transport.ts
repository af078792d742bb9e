import type { AddressInfo } from 'node:net';
import type { DatagramLink } from './datagram-link';

/** What werift's DtlsClient/DtlsServer expect as their transport. */
export interface WeriftTransport {
  type: string;
  address: AddressInfo;
  closed: boolean;
  onData: (data: Buffer, addr: readonly [string, number]) => void;
  send: (data: Buffer, addr?: readonly [string, number]) => Promise<void>;
  close: () => Promise<void>;
}

/** werift's transport shape over a DatagramLink; nothing goes out once closed. */
export function weriftTransport(link: DatagramLink): WeriftTransport & { deliver(datagram: Buffer): void } {
  const transport = {
    type: 'udp',
    address: { address: '', family: 'IPv4', port: 0 },
    closed: false,
    onData: (_data: Buffer, _addr: readonly [string, number]): void => undefined,
    send: async (data: Buffer): Promise<void> => {
      if (!transport.closed) link.send(data);
    },
    close: async (): Promise<void> => {
      transport.closed = true;
    },
    deliver(datagram: Buffer): void {
      if (!transport.closed) transport.onData(datagram, ['', 0]);
    },
  };
  return transport;
}
