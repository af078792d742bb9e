/**
 * The path DTLS records travel (RFC 5764 §5.1: the same 5-tuple as the media): the call's
 * UDP socket today, an ICE component once the call has one. Received datagrams are handed
 * to DtlsEndpoint.receive() by whoever demultiplexes the port (RFC 7983).
 */
export interface DatagramLink {
  /** Sends one datagram toward the peer; failures are the link's to report, never thrown. */
  send(datagram: Buffer): void;
}
