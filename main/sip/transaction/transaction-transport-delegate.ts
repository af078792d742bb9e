import type { SipMessage } from '../message';

/**
 * Where a message goes, or where a request came from. The same shape as the transport
 * layer's TransportAddress, so its addresses pass as they are. The layer hands the very
 * object it was given back to `send`, so a transport may carry more in it (the connection
 * or flow a request came on, for RFC 3261 §18.2.2 and RFC 5626 §5.3).
 */
export interface Destination {
  transport: 'udp' | 'tcp' | 'tls';
  host: string;
  port: number;
}

export type OutgoingMessage = SipMessage;

/**
 * What the transaction layer needs from a transport (RFC 3261 §18), and nothing more.
 * The transport layer implements it (structurally: it need not import this file); the UA
 * wires one per transaction.
 *
 * - `reliable`: true for TCP and TLS. RFC 3261 §17: Timers A, E, G are not run over a
 *   reliable transport, and Timers D, I, J, K are zero.
 * - `send(message, destination)`: serialize and send one message; resolve once handed to
 *   the socket, reject on a fatal error (ICMP unreachable, connection refused or reset,
 *   TLS failure). A rejection is a transport error for the transaction (RFC 3261 §8.1.3.1,
 *   §17.1.1.2, §17.2.4) and is reported to the TU as a 503-like failure.
 *   For a request, `destination` is the next hop chosen by the TU (RFC 3263).
 *   For a response, `destination` is where the request came from; the transport applies
 *   RFC 3261 §18.2.2 (connection reuse, `received`, `rport` of RFC 3581, `maddr`) itself.
 *   The message is already complete: the transport may fix the top Via's sent-by and
 *   transport (§18.1.1) but changes nothing the transaction layer matches on (branch).
 *   A retransmission hands over the same object again.
 * - The §18.1.1 size rule (a UDP request over 1300 bytes goes over TCP) is best applied by
 *   the TU when it picks the transport for a transaction: a transport that switches on its
 *   own leaves the transaction running the unreliable timers (harmless, but redundant).
 */
export interface TransactionTransport {
  readonly reliable: boolean;
  send(message: OutgoingMessage, destination: Destination): Promise<void>;
}
