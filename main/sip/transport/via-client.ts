import { createVia, formatVia, type SipRequest, type Via } from '../message';
import { SendError } from './errors';
import { replaceTopVia } from './via-server';
import { viaTransportName, type TransportProtocol } from './transport-address';

export interface SentBy {
  transport: TransportProtocol;
  host: string;
  port: number;
  /** RFC 3261 §18.1.1: the multicast group a request is sent to. */
  multicast?: string;
}

/**
 * RFC 3261 §18.1.1: the client transport fills the top Via's transport and sent-by (the
 * listener that sends) and RFC 3581 §3 asks for rport. The branch is the caller's (§8.1.1.7);
 * other parameters are kept.
 */
export function stampSentBy(request: SipRequest, sentBy: SentBy, branch?: string): Via {
  const top = request.via[0];
  const chosen = branch ?? top?.branch;
  if (!chosen) throw new SendError('The request has no Via branch; the transaction layer supplies one (RFC 3261 §8.1.1.7)');
  const params = new Map(top?.params ?? []);
  for (const name of ['branch', 'received', 'rport', 'maddr', 'ttl']) params.delete(name);
  if (sentBy.multicast !== undefined) {
    // §18.1.1: a request to a multicast address MUST carry maddr, and for IPv4 SHOULD carry ttl=1.
    params.set('maddr', sentBy.multicast);
    if (!sentBy.multicast.includes(':')) params.set('ttl', '1');
  }
  const via = createVia({ transport: viaTransportName(sentBy.transport), host: sentBy.host, port: sentBy.port, branch: chosen, rport: true, params });
  if (top) replaceTopVia(request, via);
  else request.prependHeader('Via', formatVia(via));
  return via;
}
