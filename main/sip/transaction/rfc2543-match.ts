import type { SipRequest, Via } from '../message';
import type { InviteServerTransaction } from './invite-server-transaction';

/** Two Via values are equal when every part is (host case-insensitively); for retransmissions they are identical. */
function sameVia(a: Via | undefined, b: Via | undefined): boolean {
  if (!a || !b) return false;
  if (a.protocol !== b.protocol || a.transport !== b.transport || a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
  if (a.params.size !== b.params.size) return false;
  for (const [name, value] of a.params) if (!b.params.has(name) || b.params.get(name) !== value) return false;
  return true;
}

/** Request-URI, From tag, Call-ID, CSeq number and top Via: what every RFC 2543 match compares. */
function sameOrigin(request: SipRequest, original: SipRequest): boolean {
  return (
    request.uriText === original.uriText &&
    request.fromTag === original.fromTag &&
    request.callId === original.callId &&
    request.cseq.seq === original.cseq.seq &&
    sameVia(request.via[0], original.via[0])
  );
}

/**
 * RFC 3261 §17.2.3: without the magic cookie, a request other than ACK matches when the
 * Request-URI, To tag, From tag, Call-ID, CSeq and top Via equal those of the request that
 * made the transaction.
 */
export function matchesLegacy(request: SipRequest, original: SipRequest): boolean {
  return sameOrigin(request, original) && request.toTag === original.toTag && request.cseq.method === original.cseq.method;
}

/**
 * RFC 3261 §17.2.3: an ACK matches when Request-URI, From tag, Call-ID, CSeq number and top
 * Via equal the INVITE's and its To tag equals that of the response the transaction sent.
 */
export function matchesLegacyAck(ack: SipRequest, tx: InviteServerTransaction): boolean {
  return tx.request.method === 'INVITE' && sameOrigin(ack, tx.request) && tx.lastResponse !== undefined && ack.toTag === tx.lastResponse.toTag;
}

/**
 * RFC 3261 §9.2 with §17.2.3: a CANCEL matches the request it cancels on the same fields but the
 * method; RFC 3261 §9.1: its To (tag included) equals that request's.
 */
export function matchesLegacyCancel(cancel: SipRequest, original: SipRequest): boolean {
  return original.method !== 'CANCEL' && sameOrigin(cancel, original) && cancel.toTag === original.toTag;
}
