import { viaWithParam, type SipRequest, type Via } from '../message';
import { normalizeHost } from './transport-address';

/**
 * RFC 3261 §18.2.1 and RFC 3581 §4: the server transport adds `received` when the top Via's
 * sent-by host is not the packet's source address, and fills an empty `rport` with the source
 * port (and then adds `received` even when equal). Returns the stamped top Via.
 */
export function stampReceived(request: SipRequest, sourceHost: string, sourcePort: number): Via | undefined {
  const top = request.via[0];
  if (!top) return undefined;
  const { received, rport } = receivedFields(top, sourceHost, sourcePort);
  let via = top;
  if (received !== undefined) via = viaWithParam(via, 'received', received);
  if (rport !== undefined) via = viaWithParam(via, 'rport', String(rport));
  if (via !== top) replaceTopVia(request, via);
  return via;
}

/** The `received` and `rport` values §18.2.1 and RFC 3581 §4 add to a Via from this source, if any. */
export function receivedFields(via: Pick<Via, 'host' | 'rport'>, sourceHost: string, sourcePort: number): { received?: string; rport?: number } {
  const source = normalizeHost(sourceHost);
  const wantsRport = via.rport === null;
  // §18.2.1: received = source IP when sent-by differs; RFC 3581 §4: always when rport was asked for.
  const received = wantsRport || normalizeHost(via.host) !== source ? source : undefined;
  // RFC 3581 §4: rport (present, empty) gets the source port of the request.
  return { ...(received !== undefined ? { received } : {}), ...(wantsRport ? { rport: sourcePort } : {}) };
}

/** Rewrites only the first Via entry, keeping the others exactly as they came. */
export function replaceTopVia(request: SipRequest, via: Via): void {
  request.setTopVia(via);
}
