import { createResponse, generateTag, type SipRequest, type SipResponse } from '../message';

/** RFC 3261 §8.2.2.2: the 482 (Loop Detected) for a merged request; §8.2.6.2: with a To tag. */
export function loopDetectedFor(request: SipRequest): SipResponse {
  return createResponse(request, 482, { toTag: generateTag() });
}
