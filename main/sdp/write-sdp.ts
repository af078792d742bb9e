import { isIPv6 } from 'node:net';
import { write as transformWrite, type MediaDescription as TransformMedia, type SessionDescription as TransformSession } from 'sdp-transform';
import type { AddrType, Connection, MediaDescription, Origin, SessionDescription } from './session-description';

/**
 * Serializes a description (RFC 8866 §5, CRLF line ends). Typed fields only: `attributes`
 * keeps what a parse saw and is not written back.
 */
export function writeSdp(desc: SessionDescription): string {
  const session = {
    version: 0,
    name: desc.name === '' ? '-' : desc.name,
    timing: { ...desc.timing },
    ...(desc.connection && { connection: transformConnection(desc.connection) }),
    ...(desc.iceLite && { icelite: 'ice-lite' as const }),
    media: desc.media.map((m) => transformMedia(m, desc.connection)),
  };
  // sdp-transform writes the o= version with %d, which loses digits past 2^53: we write it.
  const lines = transformWrite(session as unknown as TransformSession).split('\r\n');
  lines.splice(1, 0, formatOrigin(desc.origin));
  return lines.join('\r\n');
}

/** o=<username> <sess-id> <sess-version> IN <addrtype> <address> (RFC 8866 §5.2). */
export function formatOrigin(o: Origin): string {
  return `o=${o.username} ${o.sessionId} ${o.sessionVersion} IN ${o.addrType} ${o.address}`;
}

export function addrTypeOf(address: string): AddrType {
  return isIPv6(address) ? 'IP6' : 'IP4';
}

/** Attributes sdp-transform has no rule for; its catch-all writes them verbatim. */
function extraLines(m: MediaDescription): string[] {
  return [...(m.tlsId !== undefined ? [`tls-id:${m.tlsId}`] : []), ...(m.iceMismatch ? ['ice-mismatch'] : [])];
}

function sameConnection(a: Connection, b: Connection | undefined): boolean {
  return b !== undefined && a.addrType === b.addrType && a.address === b.address;
}

function transformConnection(c: Connection): { version: number; ip: string } {
  return { version: c.addrType === 'IP6' ? 6 : 4, ip: c.address };
}

function transformMedia(m: MediaDescription, sessionConnection: Connection | undefined): TransformMedia {
  const base: TransformMedia = { type: m.media, port: m.port, protocol: m.proto, payloads: m.formats.join(' '), rtp: [], fmtp: [] };
  // RFC 3264 §6: a rejected stream needs no attributes.
  if (m.port === 0) return base;
  const fp = m.fingerprints[0];
  return {
    ...base,
    // The media c= only where it differs from the session one it would otherwise inherit.
    ...(m.connection && !sameConnection(m.connection, sessionConnection) && { connection: transformConnection(m.connection) }),
    rtp: m.rtpFormats
      .filter((f) => f.encoding !== '')
      .map((f) => ({ payload: f.pt, codec: f.encoding, rate: f.clockRate, ...(f.channels > 1 && { encoding: f.channels }) })),
    fmtp: m.rtpFormats.filter((f) => f.fmtp !== undefined && f.fmtp !== '').map((f) => ({ payload: f.pt, config: f.fmtp ?? '' })),
    ...(m.rtcp && {
      rtcp: m.rtcp.connection
        ? { port: m.rtcp.port, netType: 'IN', ipVer: m.rtcp.connection.addrType === 'IP6' ? 6 : 4, address: m.rtcp.connection.address }
        : { port: m.rtcp.port },
    }),
    ...(m.crypto.length > 0 && {
      crypto: m.crypto.map((c) => ({
        id: c.tag,
        suite: c.suite,
        config: c.rawKeyParams,
        ...(c.sessionParams.length > 0 && { sessionConfig: c.sessionParams.join(' ') }),
      })),
    }),
    ...(m.setup && { setup: m.setup }),
    ...(m.mid !== undefined && { mid: m.mid }),
    ...(m.ptime !== undefined && { ptime: m.ptime }),
    ...(m.maxptime !== undefined && { maxptime: m.maxptime }),
    direction: m.direction,
    ...(m.ice && {
      iceUfrag: m.ice.ufrag,
      icePwd: m.ice.pwd,
      ...(m.ice.options.length > 0 && { iceOptions: m.ice.options.join(' ') }),
      candidates: m.ice.candidates.map((c) => ({
        foundation: c.foundation,
        component: c.component,
        transport: c.transport,
        priority: c.priority,
        ip: c.address,
        port: c.port,
        type: c.type,
        ...(c.relAddr !== undefined && c.relPort !== undefined && { raddr: c.relAddr, rport: c.relPort }),
        ...(c.tcpType !== undefined && { tcptype: c.tcpType }),
      })),
      ...(m.ice.endOfCandidates && { endOfCandidates: 'end-of-candidates' as const }),
    }),
    ...(fp && { fingerprint: { type: fp.algorithm, hash: fp.value } }),
    ...(m.rtcpMux && { rtcpMux: 'rtcp-mux' as const }),
    ...(extraLines(m).length > 0 && { invalid: extraLines(m).map((value) => ({ value })) }),
  };
}
