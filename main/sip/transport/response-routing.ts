import { defaultPort, isReliable, normalizeHost, transportFromVia, type TransportProtocol } from './transport-address';

/** The top Via fields that decide where a response goes (the message layer's Via fits). */
export interface ViaRouteFields {
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly received?: string;
  readonly rport?: number | null;
  readonly maddr?: string;
  readonly ttl?: number;
}

/** One way to deliver a response, tried in order until one works. */
export type ResponseRouteStep =
  | { readonly kind: 'connection'; readonly connectionId: number }
  | { readonly kind: 'address'; readonly transport: TransportProtocol; readonly host: string; readonly port: number; readonly ttl?: number };

/**
 * RFC 3261 §18.2.2 with RFC 3581 §4: where the server transport sends a response, given the
 * top Via (with the received/rport it stamped on the request) and the connection the request
 * came on, if any. An empty plan means the Via names a transport we do not speak.
 */
export function planResponseRoute(via: ViaRouteFields, requestConnectionId?: number): ResponseRouteStep[] {
  const transport = transportFromVia(via.transport);
  if (!transport) return [];
  const sentByHost = normalizeHost(via.host);
  const sentByPort = via.port ?? defaultPort(transport);
  const received = via.received ? normalizeHost(via.received) : undefined;

  if (isReliable(transport)) {
    const steps: ResponseRouteStep[] = [];
    // §18.2.2: a reliable response MUST use the request's connection while it is open.
    if (requestConnectionId !== undefined) steps.push({ kind: 'connection', connectionId: requestConnectionId });
    // §18.2.2: else open one to `received`, at the sent-by port (or the transport's default).
    steps.push({ kind: 'address', transport, host: received ?? sentByHost, port: sentByPort });
    // §18.2.2: if that fails, RFC 3263 §5 on the sent-by itself.
    if (received !== undefined && received !== sentByHost) steps.push({ kind: 'address', transport, host: sentByHost, port: sentByPort });
    return steps;
  }
  // §18.2.2: maddr wins over received; port from sent-by or 5060; multicast TTL defaults to 1.
  if (via.maddr) return [{ kind: 'address', transport, host: normalizeHost(via.maddr), port: via.port ?? 5060, ttl: via.ttl ?? 1 }];
  // RFC 3581 §4: with rport filled in, send to received:rport (from the socket the request came in on).
  if (received !== undefined && typeof via.rport === 'number') return [{ kind: 'address', transport, host: received, port: via.rport }];
  // §18.2.2: otherwise to received at the sent-by port, or 5060.
  if (received !== undefined) return [{ kind: 'address', transport, host: received, port: via.port ?? 5060 }];
  // §18.2.2: else to the sent-by address (a name goes through RFC 3263 §5 in the sender).
  return [{ kind: 'address', transport, host: sentByHost, port: sentByPort }];
}
