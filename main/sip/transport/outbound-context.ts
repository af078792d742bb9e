import net from 'node:net';
import type { ConnectionManager } from './connection-manager';
import type { FlowTokens } from './flow-token';
import type { StreamListener } from './stream-listener';
import { addressKey, normalizeHost, type TransportAddress, type TransportProtocol } from './transport-address';
import type { UdpTransport } from './udp-transport';

/** RFC 3263 §5 for responses: the addresses to try for a Via sent-by that is a name. */
export type SentByResolver = (sentBy: { transport: TransportProtocol; host: string; port?: number }) => Promise<TransportAddress[]>;

/** What the request and response senders share with the transport layer. */
export interface OutboundContext {
  readonly udp: readonly UdpTransport[];
  /** TCP and TLS listeners. */
  readonly streams: readonly StreamListener[];
  readonly connections: ConnectionManager;
  readonly flowTokens: FlowTokens;
  /** RFC 3261 §18.1.1: the path MTU when known; else the 1300-byte rule applies. */
  readonly pathMtu?: number;
  /** RFC 3263 §5: resolves a sent-by name (SRV when it has no port, else A/AAAA). */
  readonly resolveSentBy?: SentByResolver;
  /** Records a sent-by we put in a Via, so responses to it are accepted (§18.1.2). */
  noteSentBy(host: string, port: number): void;
}

/** IP family of a host: 4, 6, or undefined for a name. */
export function familyOf(host: string): 4 | 6 | undefined {
  const v = net.isIP(normalizeHost(host));
  return v === 4 || v === 6 ? v : undefined;
}

/** The listener of `transport` that can reach `host` (same IP family; any for a name). */
export function listenerFor<L extends { local: TransportAddress }>(listeners: readonly L[], transport: TransportProtocol, host: string): L | undefined {
  const family = familyOf(host);
  return listeners.find((l) => l.local.transport === transport && (family === undefined || familyOf(l.local.host) === family));
}

/** The UDP socket bound at `local` when given (RFC 3581 §4: answer from where it came), else by family. */
export function udpFor(ctx: OutboundContext, host: string, local?: TransportAddress): UdpTransport | undefined {
  if (local) {
    const exact = ctx.udp.find((u) => addressKey(u.local) === addressKey({ ...local, transport: 'udp' }));
    if (exact) return exact;
  }
  return listenerFor(ctx.udp, 'udp', host);
}
