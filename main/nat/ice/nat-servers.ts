/** A STUN server (RFC 8489) for server-reflexive candidates. */
export interface StunServer {
  readonly host: string;
  readonly port: number;
}

/** A TURN server (RFC 8656) with long-term credentials (RFC 8489 §9.2), reached over UDP or TCP. */
export interface TurnServer {
  readonly host: string;
  readonly port: number;
  readonly transport: 'udp' | 'tcp';
  readonly username: string;
  readonly password: string;
}

/** The NAT servers the user configured; none by default, and no public server is ever used in their place. */
export interface NatServers {
  readonly stun?: StunServer;
  readonly turn?: TurnServer;
}

/** The NAT traversal settings of one call: ICE on or off, and the servers to gather with. */
export interface IceConfig {
  /** Offer and answer ICE (RFC 8445); off means plain c=/m= addressing with symmetric RTP only. */
  readonly enabled: boolean;
  readonly servers?: NatServers;
  /** Ports for host candidates; default any. */
  readonly portRange?: { readonly min: number; readonly max: number };
  /** How long gathering may take before the candidates found so far are used, ms; default 3000. */
  readonly gatherTimeoutMs?: number;
}

/** A NAT server URI or credential that cannot be used. */
export class NatServerUriError extends Error {
  override readonly name = 'NatServerUriError';
}

/** The STUN/TURN default port (RFC 8489 §18.6, RFC 8656 §18). */
export const STUN_DEFAULT_PORT = 3478;

/**
 * Reads `stun:HOST[:PORT]` (RFC 7064 §3.1) or a bare `HOST[:PORT]`. Only plain STUN over UDP:
 * `stuns:` (TLS) is refused with a clear error.
 */
export function parseStunUri(text: string): StunServer {
  const value = text.trim();
  if (/^stuns:/i.test(value)) throw new NatServerUriError(`"${value}": STUN over TLS (stuns:) is not supported; use stun:HOST:PORT`);
  const rest = value.replace(/^stun:/i, '');
  if (rest.includes('?')) throw new NatServerUriError(`"${value}": a stun: URI takes no parameters (RFC 7064 §3.1)`);
  return hostPort(rest, value);
}

/**
 * Reads `turn:HOST[:PORT][?transport=udp|tcp]` (RFC 7065 §3.1) or a bare `HOST[:PORT]` (UDP).
 * `turns:` (TLS) is refused with a clear error.
 */
export function parseTurnUri(text: string, username: string, password: string): TurnServer {
  const value = text.trim();
  if (/^turns:/i.test(value)) throw new NatServerUriError(`"${value}": TURN over TLS (turns:) is not supported; use turn:HOST:PORT?transport=tcp`);
  const rest = value.replace(/^turn:/i, '');
  const [where = '', query] = rest.split('?', 2);
  let transport: 'udp' | 'tcp' = 'udp';
  if (query !== undefined) {
    const m = /^transport=(udp|tcp)$/i.exec(query);
    if (!m) throw new NatServerUriError(`"${value}": the only parameter is transport=udp or transport=tcp (RFC 7065 §3.1)`);
    transport = m[1]!.toLowerCase() as 'udp' | 'tcp';
  }
  if (username === '' || password === '') throw new NatServerUriError(`"${value}": TURN needs a username and a password (RFC 8656 §7.2 long-term credentials)`);
  return { ...hostPort(where, value), transport, username, password };
}

/** `stun:HOST:PORT` or `turn:HOST:PORT?transport=...`, as the settings and the CLI show them. */
export function formatNatServer(server: StunServer | TurnServer): string {
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  if ('transport' in server) return `turn:${host}:${server.port}${server.transport === 'tcp' ? '?transport=tcp' : ''}`;
  return `stun:${host}:${server.port}`;
}

function hostPort(text: string, whole: string): { host: string; port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(text);
  if (!m) throw new NatServerUriError(`"${whole}" is not HOST[:PORT]`);
  const port = m[3] === undefined ? STUN_DEFAULT_PORT : Number(m[3]);
  if (port < 1 || port > 65535) throw new NatServerUriError(`"${whole}": port ${port} is out of range`);
  return { host: (m[1] ?? m[2])!, port };
}
