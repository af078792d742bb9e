import { scanToken, skipWs } from './chars';
import { SipParseError } from './errors';
import { formatParams, scanHeaderParamsLazy } from './params';
import type { MediaType, ParseResult } from './types';

/** RFC 3261 §20.15 media-type = m-type SLASH m-subtype *( SEMI m-parameter ). */
export function scanMediaType(s: string, i: number, end: number): { value: MediaType; end: number } | string {
  i = skipWs(s, i, end);
  const typeEnd = scanToken(s, i, end);
  if (typeEnd === i) return 'missing type';
  let j = skipWs(s, typeEnd, end);
  if (s.charCodeAt(j) !== 47) return 'missing "/"';
  j = skipWs(s, j + 1, end);
  const subEnd = scanToken(s, j, end);
  if (subEnd === j) return 'missing subtype';
  const p = scanHeaderParamsLazy(s, subEnd, end);
  if (p.end < 0) return 'bad parameter';
  return { value: { type: s.slice(i, typeEnd).toLowerCase(), subtype: s.slice(j, subEnd).toLowerCase(), params: p.params }, end: p.end };
}

export function parseMediaType(text: string): ParseResult<MediaType> {
  const r = scanMediaType(text, 0, text.length);
  if (typeof r === 'string' || skipWs(text, r.end) !== text.length) {
    return { ok: false, error: new SipParseError('bad-header', `Bad Content-Type header: ${typeof r === 'string' ? r : 'trailing characters'}`, 400, 'content-type') };
  }
  return { ok: true, value: r.value };
}

export function formatMediaType(m: MediaType): string {
  return `${m.type}/${m.subtype}${formatParams(m.params)}`;
}
