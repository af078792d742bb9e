import type { IceCandidateLine } from './ice-candidate';
import type { IceEndpoint, SelectedPair } from './ice-agent';

/**
 * The candidates for an offer or answer once ICE has completed (RFC 8839 §4.4.1.2.2): the
 * default destination is the local candidate of the selected valid pair, and that candidate is
 * the only a=candidate line. Undefined when it is not among ours (peer-reflexive, learned from
 * the checks); the full list is then kept.
 */
export function completedCandidates(all: readonly IceCandidateLine[], selected: SelectedPair): IceCandidateLine[] | undefined {
  const at = selected.mappedLocal ?? selected.local;
  const local = all.find((c) => c.component === 1 && c.type === at.type && c.address === at.address && c.port === at.port);
  return local ? [local] : undefined;
}

/** Whether two transport addresses are the same (c=/m= compare address and port only). */
export function sameEndpoint(a: Pick<IceEndpoint, 'address' | 'port'>, b: Pick<IceEndpoint, 'address' | 'port'>): boolean {
  return a.address === b.address && a.port === b.port;
}
