/** Transports the locator can hand out (RFC 3263 §4.1). */
export type SipTransport = 'udp' | 'tcp' | 'tls';

/** One place to send a request. */
export interface SipTarget {
  readonly transport: SipTransport;
  readonly address: string;
  readonly port: number;
  /** The domain the URI named, which a TLS server certificate must match (RFC 5922 §4). */
  readonly host: string;
}

/** The parts of a SIP or SIPS URI that locating uses (RFC 3263 §4). */
export interface LocateRequest {
  readonly scheme: 'sip' | 'sips';
  readonly host: string;
  readonly port?: number;
  /** The transport URI parameter, as written. */
  readonly transport?: string;
  /** The maddr URI parameter; RFC 3263 §4: it replaces the host as TARGET. */
  readonly maddr?: string;
}

/** RFC 3261 §19.1.2: 5060 for sip over UDP/TCP, 5061 for TLS. */
export function defaultPort(transport: SipTransport): number {
  return transport === 'tls' ? 5061 : 5060;
}

export function targetKey(t: SipTarget): string {
  return `${t.transport}|${t.address}|${t.port}`;
}
