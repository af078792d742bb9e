import { parseMessage, SipRequest } from '../message';

/** A fresh copy of a request, so a resubmission never changes what an earlier transaction holds. */
export function cloneRequest(request: SipRequest): SipRequest {
  const copy = parseMessage(request.toBuffer(), { transport: 'stream' });
  if (!copy.ok || !(copy.value instanceof SipRequest)) throw new Error(`cannot copy our own ${request.method}: ${copy.ok ? 'not a request' : copy.error.reason}`);
  return copy.value;
}
