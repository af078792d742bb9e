import { BRANCH_MAGIC_COOKIE, type SipMessage, type SipRequest, type SipResponse, type Via } from '../message';

/** RFC 3261 §17.2.3: how a request finds its server transaction. */
export type ServerKey =
  /** Branch with the magic cookie: branch, sent-by and method (ACK as INVITE); `branchId` without the method, for CANCEL (§9.2). */
  | { readonly legacy: false; readonly id: string; readonly branchId: string }
  /** RFC 2543 branch (or none): compared field by field, see rfc2543-match.ts. */
  | { readonly legacy: true };

/** The top Via's branch when it carries the magic cookie. */
function cookieBranch(message: SipMessage): string | undefined {
  const branch = message.via[0]?.branch;
  return branch !== undefined && branch.startsWith(BRANCH_MAGIC_COOKIE) ? branch : undefined;
}

/** RFC 3261 §17.2.3: sent-by compared as host (case-insensitive) and port as written. */
export function sentBy(via: Via): string {
  return `${via.host.toLowerCase()}:${via.port ?? ''}`;
}

/** RFC 3261 §17.1.3: a client transaction is known by its branch and method. */
export function clientKey(request: SipRequest): string | undefined {
  const branch = cookieBranch(request);
  return branch === undefined ? undefined : `${branch}|${request.method}`;
}

/** RFC 3261 §17.1.3: a response matches on the top Via branch and the CSeq method. */
export function clientKeyOfResponse(response: SipResponse): string | undefined {
  const branch = response.via[0]?.branch;
  const method = response.cseq?.method;
  return branch === undefined || method === undefined ? undefined : `${branch}|${method}`;
}

/** RFC 3261 §17.2.3; undefined when the request lacks a header needed to match it at all. */
export function serverKey(request: SipRequest): ServerKey | undefined {
  const via = request.via[0];
  if (!via || !request.cseq || !request.callId || !request.from) return undefined;
  const branch = cookieBranch(request);
  if (branch === undefined) return { legacy: true };
  const at = `${branch}|${sentBy(via)}`;
  // RFC 3261 §17.2.3: the ACK matches the INVITE transaction it acknowledges.
  const method = request.method === 'ACK' ? 'INVITE' : request.method;
  return { legacy: false, id: `${at}|${method}`, branchId: at };
}

/** RFC 3261 §8.2.2.2: From tag, Call-ID and CSeq, for requests outside a dialog (no To tag). */
export function mergeKey(request: SipRequest): string | undefined {
  if (request.toTag !== undefined || request.method === 'ACK') return undefined;
  const tag = request.fromTag;
  if (tag === undefined) return undefined;
  return `${tag}|${request.callId}|${request.cseq.seq}|${request.cseq.method}`;
}

/** RFC 6026 §7.1: an INVITE and the ACK for its 2xx share Call-ID, From tag and CSeq number. */
export function acceptedKey(message: SipMessage): string | undefined {
  const tag = message.fromTag;
  return tag === undefined || !message.cseq ? undefined : `${message.callId}|${tag}|${message.cseq.seq}`;
}
