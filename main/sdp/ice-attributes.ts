import { SdpParseError } from './errors';
import type { IceCandidate } from './session-description';

const CANDIDATE_TYPES = new Set(['host', 'srflx', 'prflx', 'relay']);

/**
 * a=candidate:<foundation> <component-id> <transport> <priority> <address> <port> typ <type>
 * [raddr <addr>] [rport <port>] *(<extension-name> <extension-value>) (RFC 8839 §5.1).
 * Returns undefined for candidates a SIP peer cannot use: mDNS ".local" names (WebRTC only)
 * and transports other than UDP and TCP (RFC 8839 §5.1: ignore unknown transports).
 */
export function parseCandidate(value: string): IceCandidate | undefined {
  const f = value.trim().split(/\s+/);
  const [foundation, component, transport, priority, address, port, typ, type, ...ext] = f;
  if (!foundation || !/^[A-Za-z0-9+/]{1,32}$/.test(foundation) || typ !== 'typ' || !type) {
    throw new SdpParseError('bad ICE candidate');
  }
  if (!/^\d{1,3}$/.test(component ?? '') || !/^\d{1,10}$/.test(priority ?? '') || !/^\d{1,5}$/.test(port ?? '')) {
    throw new SdpParseError('bad ICE candidate');
  }
  if (!address || !transport) throw new SdpParseError('bad ICE candidate');
  if (ext.length % 2 !== 0) throw new SdpParseError('bad ICE candidate extension');
  const pairs = new Map<string, string>();
  for (let i = 0; i < ext.length; i += 2) pairs.set(ext[i] ?? '', ext[i + 1] ?? '');
  const proto = transport.toUpperCase();
  if (proto !== 'UDP' && proto !== 'TCP') return undefined;
  if (address.toLowerCase().endsWith('.local')) return undefined;
  // RFC 8839 §5.1: unknown candidate types are ignored.
  if (!CANDIDATE_TYPES.has(type)) return undefined;
  const relPort = pairs.get('rport');
  return {
    foundation,
    component: Number(component),
    transport: proto,
    priority: Number(priority),
    address,
    port: Number(port),
    type: type as IceCandidate['type'],
    ...(pairs.has('raddr') && { relAddr: pairs.get('raddr') }),
    ...(relPort !== undefined && /^\d{1,5}$/.test(relPort) && { relPort: Number(relPort) }),
    ...(proto === 'TCP' && pairs.has('tcptype') && { tcpType: pairs.get('tcptype') }),
  };
}

/**
 * a=ice-options values a SIP peer without trickle ICE (RFC 8840) understands. "trickle" and
 * WebRTC's "renomination" are dropped: we send complete candidate lists.
 */
export function sipIceOptions(options: readonly string[]): string[] {
  return options.filter((o) => o !== 'trickle' && o !== 'renomination');
}

/** ice-ufrag is 4..256 ice-chars, ice-pwd 22..256 (RFC 8839 §5.4). */
export function checkIceCredentials(ufrag: string, pwd: string): void {
  if (!/^[A-Za-z0-9+/]{4,256}$/.test(ufrag)) throw new SdpParseError('bad ice-ufrag');
  if (!/^[A-Za-z0-9+/]{22,256}$/.test(pwd)) throw new SdpParseError('bad ice-pwd');
}
