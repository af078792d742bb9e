import { applyEager, emptyEager } from './eager-headers';
import { SipBuildError } from './errors';
import { formatUri } from './format-uri';
import { headerKey, prettyName } from './header-names';
import { scanUri } from './parse-uri';
import { SipRequest } from './sip-request';
import type { HeaderField, HeaderInit, Uri } from './types';

/** A body and its media type (RFC 3261 §20.15). */
export interface BodyInit {
  readonly data: Buffer | string;
  readonly contentType: string;
}

/** RFC 3261 §8.1.1.6: a UAC SHOULD start Max-Forwards at 70. */
export const DEFAULT_MAX_FORWARDS = 70;

/**
 * Builds a request (RFC 3261 §8.1.1) from a method, a Request-URI and header lines in order.
 * From, To, Call-ID and CSeq are required and CSeq's method must match; Max-Forwards: 70 is
 * added when absent. Via may be left to the transport. Throws SipBuildError on a bad value.
 */
export function createRequest(method: string, uri: Uri | string, headers: HeaderInit, body?: BodyInit): SipRequest {
  if (!/^[A-Za-z0-9\-.!%*_+`'~]+$/.test(method)) throw new SipBuildError('method', `"${method}" is not a token`);
  let target: Uri;
  if (typeof uri === 'string') {
    const r = scanUri(uri, 0, uri.length);
    if (typeof r === 'string') throw new SipBuildError('Request-URI', r);
    target = r;
  } else {
    target = uri;
  }
  const fields: HeaderField[] = [];
  const eager = emptyEager();
  for (const [name, value] of headers) {
    const key = headerKey(name);
    if (key === 'content-length') continue;
    const text = String(value).trim();
    if (/[\r\n]/.test(text)) throw new SipBuildError(name, 'line breaks are not allowed in a value');
    const bad = applyEager(eager, key, text);
    if (bad !== undefined) throw new SipBuildError(name, bad);
    fields.push({ name: name.length === 1 ? prettyName(name) : name, key, value: text });
  }
  for (const [name, present] of [['From', eager.from], ['To', eager.to], ['Call-ID', eager.callId], ['CSeq', eager.cseq]] as const) {
    if (present === undefined) throw new SipBuildError(name, 'missing');
  }
  if (eager.cseq?.method !== method) throw new SipBuildError('CSeq', 'method does not match the request method');
  if (eager.maxForwards === undefined) {
    eager.maxForwards = DEFAULT_MAX_FORWARDS;
    fields.push({ name: 'Max-Forwards', key: 'max-forwards', value: String(DEFAULT_MAX_FORWARDS) });
  }
  const request = new SipRequest(method, target, formatUri(target), fields, eager);
  if (body !== undefined) request.setBody(body.data, body.contentType);
  return request;
}
