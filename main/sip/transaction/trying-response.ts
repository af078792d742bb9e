import { createResponse, type SipRequest, type SipResponse } from '../message';

/** RFC 3261 §17.2.1: the 100 (Trying) an INVITE server transaction sends on its own (built per §8.2.6, no To tag). */
export function tryingFor(invite: SipRequest): SipResponse {
  return createResponse(invite, 100);
}
