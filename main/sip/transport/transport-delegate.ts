import type { SipParseError, SipRequest, SipResponse } from '../message';
import type { TransportError } from './errors';
import type { TransportAddress } from './transport-address';

/** Where an inbound message came from: the remote address, plus how to answer on the same flow. */
export interface InboundSource extends TransportAddress {
  /** The listener address (UDP) or connection's local address (TCP/TLS) it arrived on. */
  readonly local: TransportAddress;
  /** The TCP/TLS connection it arrived on; responses reuse it (RFC 3261 §18.2.2). */
  readonly connectionId?: number;
  /** RFC 5626 §5.2: names this flow; pass it back as `flowToken` to send on the same flow. */
  readonly flowToken: string;
}

/** A flow the keep-alive found dead (RFC 5626 §4.4.1). */
export interface FailedFlow extends TransportAddress {
  readonly connectionId: number;
  readonly flowToken: string;
}

/**
 * How the transport reports upward (STYLE rule 2: lower layers call up through a delegate).
 * A delegate that throws is contained: the transport keeps running.
 */
export interface TransportDelegate {
  /** A request that parsed, with `received`/`rport` already stamped (RFC 3261 §18.2.1, RFC 3581 §4). */
  onRequest(request: SipRequest, source: InboundSource): void;
  /** A response whose top Via names us (RFC 3261 §18.1.2). */
  onResponse(response: SipResponse, source: InboundSource): void;
  /** A request that did not parse; a UAS answers `error.status` with `error.reason` (RFC 3261 §8.2, §18.3). */
  onMalformedRequest?(error: SipParseError, source: InboundSource): void;
  /** A STUN message on a SIP UDP port (RFC 5626 §4.4.2, RFC 7983 demultiplexing); `reply` answers it. */
  onStunDatagram?(data: Buffer, source: InboundSource, reply: (data: Buffer) => Promise<void>): void;
  /** A keep-alive found a flow dead; the connection is already closed (RFC 5626 §4.4.1). */
  onFlowFailed?(flow: FailedFlow, error: TransportError): void;
}
