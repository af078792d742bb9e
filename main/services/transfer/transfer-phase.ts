/** Where a transfer stands, from either side of it. */
export type TransferPhase = 'requested' | 'trying' | 'ringing' | 'succeeded' | 'failed';

/** RFC 3515 §2.4.5: the referred request's status says how far the transfer got. */
export function phaseOf(status: number): TransferPhase {
  if (status >= 300) return 'failed';
  if (status >= 200) return 'succeeded';
  return status === 180 || status === 183 ? 'ringing' : 'trying';
}
