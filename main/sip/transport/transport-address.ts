import net from 'node:net';

/** The transports of RFC 3261 §18 that LiteSIP speaks. */
export type TransportProtocol = 'udp' | 'tcp' | 'tls';

export interface HostPort {
  host: string;
  port: number;
}

/** Where to send or listen: a transport plus an IP address (or name) and port. */
export interface TransportAddress extends HostPort {
  transport: TransportProtocol;
}

/** RFC 3261 §18: TCP and TLS are reliable, UDP is not. */
export function isReliable(transport: TransportProtocol): boolean {
  return transport !== 'udp';
}

/** RFC 3261 §19.1.2: 5060 for UDP and TCP, 5061 for TLS, when a port is absent. */
export function defaultPort(transport: TransportProtocol): number {
  return transport === 'tls' ? 5061 : 5060;
}

/** The Via transport token (RFC 3261 §20.42): UDP, TCP, TLS. */
export function viaTransportName(transport: TransportProtocol): string {
  return transport.toUpperCase();
}

/** Reads a Via transport token back; undefined for ones we do not speak (SCTP, WS). */
export function transportFromVia(name: string): TransportProtocol | undefined {
  const t = name.toLowerCase();
  return t === 'udp' || t === 'tcp' || t === 'tls' ? t : undefined;
}

/** Strips IPv6 brackets, unwraps IPv4-mapped IPv6 and lower-cases, so equal hosts compare equal. */
export function normalizeHost(host: string): string {
  let h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  h = h.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped?.[1]) return mapped[1];
  return net.isIPv6(h) ? canonicalIpv6(h) : h;
}

/** `host:port`, with brackets around IPv6 literals (RFC 3261 §25.1 IPv6reference). */
export function formatHostPort(host: string, port: number): string {
  return `${formatHost(host)}:${port}`;
}

/** A host as it is written in a URI or Via: IPv6 literals in brackets. */
export function formatHost(host: string): string {
  return net.isIPv6(host) && !host.startsWith('[') ? `[${host}]` : host;
}

/** A stable key for maps: transport, normalized host and port. */
export function addressKey(address: TransportAddress): string {
  return `${address.transport}|${normalizeHost(address.host)}|${address.port}`;
}

export function formatAddress(address: TransportAddress): string {
  return `${address.transport}:${formatHostPort(address.host, address.port)}`;
}

/** True for wildcard listen addresses (0.0.0.0, ::), which are not reachable as written. */
export function isWildcard(host: string): boolean {
  const h = normalizeHost(host);
  return h === '0.0.0.0' || h === '::';
}

/** RFC 5952 text form (`::1`), so equal IPv6 addresses compare equal. */
function canonicalIpv6(host: string): string {
  try {
    return new net.SocketAddress({ address: host, family: 'ipv6' }).address;
  } catch {
    return host;
  }
}
