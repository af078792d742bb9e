import type { SipRequest, SipResponse, Uri } from '../../sip/message';
import type { UserAgent } from '../../sip/ua';
import { diversions } from '../../services/forwarding';

/** Headers the UA writes afresh for each request; the rest of the original INVITE is carried over. */
const FRESH = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'max-forwards', 'contact', 'user-agent', 'content-type', 'content-length', 'route', 'authorization', 'proxy-authorization', 'diversion']);

/**
 * RFC 3261 §8.1.3.4: a new INVITE to a target from a 3xx's Contact, carrying the original's
 * offer and extra headers. RFC 5806 §3: the Diversion values of the 3xx (the redirecting party
 * names itself there) go on before those the original already had.
 */
export function redirectedInvite(ua: UserAgent, original: SipRequest, response: SipResponse, target: Uri): SipRequest {
  const carried = original.headerFields.filter((f) => !FRESH.has(f.key)).map((f) => [f.name, f.value] as const);
  const diverted = [...new Set([...diversions(response), ...diversions(original)])].map((v) => ['Diversion', v] as const);
  const contentType = original.getHeader('Content-Type');
  return ua.createRequest('INVITE', target, {
    headers: [...diverted, ...carried],
    ...(original.body.length > 0 && contentType ? { body: { data: original.body, contentType } } : {}),
  });
}
