import { applyEager, emptyEager } from './eager-headers';
import type { SipParseError } from './errors';
import type { BodyInit } from './create-request';
import { generateTag } from './ids';
import { reasonPhrase } from './reason-phrases';
import type { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import type { HeaderField, HeaderInit } from './types';

export interface ResponseOptions {
  /** Reason phrase; the usual one for the status when absent. */
  readonly reason?: string;
  /**
   * RFC 3261 §8.2.6.2: a response (other than 100) to a request without a To tag MUST get
   * one; give the dialog's tag here, else a fresh one is generated.
   */
  readonly toTag?: string;
  /** RFC 3261 §12.1.1: copy Record-Route into a dialog-creating response. */
  readonly recordRoute?: boolean;
  /** Extra header lines, after the copied ones. */
  readonly headers?: HeaderInit;
  readonly body?: BodyInit;
}

/**
 * RFC 3261 §8.2.6: a response to `request`. Via (all, in order), From, To, Call-ID and CSeq
 * are copied as they came; To gets a tag when it had none and the status is not 100;
 * a 100 copies Timestamp (§8.2.6.1).
 */
export function createResponse(request: SipRequest, status: number, options: ResponseOptions = {}): SipResponse {
  if (!Number.isInteger(status) || status < 100 || status > 699) throw new RangeError(`status ${status} is not a SIP status code`);
  const copied: HeaderField[] = [];
  const eager = emptyEager();
  let toTagged = false;
  for (const f of request.headerFields) {
    switch (f.key) {
      case 'via':
      case 'from':
      case 'call-id':
      case 'cseq':
        copied.push(f);
        break;
      case 'to':
        if (status !== 100 && request.toTag === undefined && !toTagged) {
          copied.push({ name: f.name, key: f.key, value: `${f.value};tag=${options.toTag ?? generateTag()}` });
          toTagged = true;
        } else {
          copied.push(f);
        }
        break;
      case 'record-route':
        if (options.recordRoute) copied.push(f);
        break;
      case 'timestamp':
        if (status === 100) copied.push(f);
        break;
    }
  }
  // the request parsed, so its lines apply cleanly; a failure here would be a bug upstream
  for (const f of copied) applyEager(eager, f.key, f.value);
  const response = new SipResponse(status, options.reason ?? reasonPhrase(status), copied, eager);
  for (const [name, value] of options.headers ?? []) response.appendHeader(name, value);
  if (options.body !== undefined) response.setBody(options.body.data, options.body.contentType);
  return response;
}

/**
 * The response a UAS sends to a malformed request (RFC 3261 §8.2, §21.4.1): 400 with the
 * fault as reason phrase, 416 or 505, with the Via, From, To, Call-ID and CSeq lines that
 * could be read. Undefined when the bytes were a response or had no usable Via (drop them).
 */
export function createErrorResponse(error: SipParseError, toTag: string = generateTag()): SipResponse | undefined {
  const ctx = error.context;
  if (ctx === undefined || ctx.kind !== 'request' || ctx.via.length === 0 || ctx.method === 'ACK') return undefined;
  const reason = error.status === 400 ? error.reason.replace(/[\r\n]/g, ' ') : reasonPhrase(error.status);
  const response = new SipResponse(error.status, reason, [], emptyEager());
  for (const f of ctx.copyHeaders) {
    try {
      // RFC 3261 §8.2.6.2: add a To tag when the request had none
      const tagged = f.key === 'to' && ctx.to !== undefined && !ctx.to.params.has('tag');
      response.appendHeader(f.name, tagged ? `${f.value};tag=${toTag}` : f.value);
    } catch {
      // a header that does not parse is left out of the answer
    }
  }
  return response;
}
