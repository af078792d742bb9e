import { formatVia, viaWithParam, type SipRequest, type Via } from '../message';
import { normalizeHost } from './transport-address';

/**
 * RFC 3261 §18.2.1 and RFC 3581 §4: the server transport adds `received` when the top Via's
 * sent-by host is not the packet's source address, and fills an empty `rport` with the source
 * port (and then adds `received` even when equal). Returns the stamped top Via.
 */
export function stampReceived(request: SipRequest, sourceHost: string, sourcePort: number): Via | undefined {
  const top = request.via[0];
  if (!top) return undefined;
  const source = normalizeHost(sourceHost);
  let via = top;
  const wantsRport = top.rport === null;
  // §18.2.1: received = source IP when sent-by differs; RFC 3581 §4: always when rport was asked for.
  if (wantsRport || normalizeHost(top.host) !== source) via = viaWithParam(via, 'received', source);
  // RFC 3581 §4: rport (present, empty) gets the source port of the request.
  if (wantsRport) via = viaWithParam(via, 'rport', String(sourcePort));
  if (via !== top) replaceTopVia(request, via);
  return via;
}

/** Rewrites only the first Via entry, keeping the others exactly as they came. */
export function replaceTopVia(request: SipRequest, via: Via): void {
  const entries = request.getHeaders('via');
  request.setHeader('Via', [formatVia(via), ...entries.slice(1)]);
}
