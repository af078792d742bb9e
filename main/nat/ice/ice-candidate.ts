import { Candidate } from 'werift';

/** A candidate as a=candidate carries it (RFC 8839 §5.1); the same shape main/sdp uses. */
export interface IceCandidateLine {
  readonly foundation: string;
  readonly component: number;
  readonly transport: string;
  readonly priority: number;
  readonly address: string;
  readonly port: number;
  readonly type: 'host' | 'srflx' | 'prflx' | 'relay';
  readonly relAddr?: string;
  readonly relPort?: number;
}

export type CandidateType = IceCandidateLine['type'];

const TYPES = new Set<string>(['host', 'srflx', 'prflx', 'relay']);

/** Our gathered candidate as an SDP line's fields. */
export function candidateLine(c: Candidate): IceCandidateLine {
  return {
    foundation: c.foundation,
    component: c.component,
    transport: c.transport.toUpperCase(),
    priority: c.priority,
    address: c.host,
    port: c.port,
    type: TYPES.has(c.type) ? (c.type as CandidateType) : 'host',
    ...(c.relatedAddress !== undefined && { relAddr: c.relatedAddress }),
    ...(c.relatedPort !== undefined && { relPort: c.relatedPort }),
  };
}

/**
 * The peer's candidate for the ICE agent, or undefined for one we do not pair: only component 1
 * over UDP (RFC 8445 §6.1.2.2 pairs same component; we use rtcp-mux, RFC 5761) and never
 * peer-reflexive in SDP (RFC 8445 §7.2.5.3.1 learns those from checks).
 */
export function agentCandidate(line: IceCandidateLine): Candidate | undefined {
  if (line.component !== 1 || line.transport.toUpperCase() !== 'UDP' || line.type === 'prflx') return undefined;
  return new Candidate(line.foundation, 1, 'udp', line.priority, line.address, line.port, line.type, line.relAddr, line.relPort);
}

/**
 * The default candidate for c=/m= (RFC 8445 §5.1.4, RFC 8839 §4.2.1.2): the server-reflexive one
 * when there is one (what a peer without ICE reaches through our NAT), else a host candidate,
 * else the relay. Every default but the relay shares its socket with a host candidate, so a peer
 * without ICE still meets us there (symmetric RTP, RFC 4961).
 */
export function pickDefault(candidates: readonly Candidate[]): Candidate | undefined {
  const order: CandidateType[] = ['srflx', 'host', 'relay'];
  for (const type of order) {
    const found = candidates.filter((c) => c.type === type && c.component === 1).sort((a, b) => b.priority - a.priority)[0];
    if (found) return found;
  }
  return undefined;
}
