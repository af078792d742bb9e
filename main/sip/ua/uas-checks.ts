import { createResponse, type SipRequest, type SipResponse } from '../message';
import { KNOWN_METHODS } from './capabilities';

export interface UasCheckContext {
  /** Methods we answer (including the core ones). */
  allowed: ReadonlySet<string>;
  /** Option tags we support. */
  supported: readonly string[];
  /** Our tag for a response that needs one. */
  toTag: string;
  /** Header lines every response carries (Server). */
  headers: readonly (readonly [string, string])[];
}

/**
 * RFC 3261 §8.2.1–8.2.2: the checks a UAS makes before it looks at what a request asks.
 * Returns the error response to send, or undefined when the request may go on. Malformed
 * requests (400, 416, 505) were answered already by the message layer's verdict.
 */
export function checkRequest(request: SipRequest, ctx: UasCheckContext): SipResponse | undefined {
  const method = request.method;
  // RFC 3261 §8.2.1: a method we do not know → 501; one we know but do not take here → 405 with Allow.
  if (!ctx.allowed.has(method)) {
    if (!KNOWN_METHODS.has(method)) return reply(request, 501, ctx);
    return reply(request, 405, ctx, [['Allow', [...ctx.allowed].join(', ')]]);
  }
  // RFC 3261 §16.3 / §8.2: Max-Forwards 0 on a request not for us to end here → 483 (OPTIONS may be answered, §11).
  if (request.maxForwards === 0 && method !== 'OPTIONS' && method !== 'ACK') return reply(request, 483, ctx);
  // RFC 3261 §8.2.2.3: Require with an option tag we do not support → 420 listing them in Unsupported.
  if (method !== 'ACK' && method !== 'CANCEL') {
    const unsupported = (request.require ?? []).filter((tag) => !ctx.supported.includes(tag.toLowerCase()));
    if (unsupported.length > 0) return reply(request, 420, ctx, [['Unsupported', unsupported.join(', ')]]);
  }
  return undefined;
}

function reply(request: SipRequest, status: number, ctx: UasCheckContext, extra: (readonly [string, string])[] = []): SipResponse {
  return createResponse(request, status, { toTag: ctx.toTag, headers: [...ctx.headers, ...extra] });
}
