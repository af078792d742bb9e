import { TOKEN, quote, scanQuoted, skipWs, unquote } from './chars';
import { SipParseError } from './errors';
import { formatUri } from './format-uri';
import { scanHeaderParamsLazy } from './params';
import { scanUri } from './parse-uri';
import type { NameAddr, ParseResult } from './types';

/** A name-addr (its end is then in `scanEnd`), or the reason it did not parse. */
export type NameAddrScan = NameAddr | string;

/** Where the last successful scanNameAddr stopped (read it right after the call). */
export let scanEnd = 0;

/**
 * RFC 3261 §20.10, §25.1: ( name-addr / addr-spec ) *( SEMI generic-param ) over s[i, end),
 * stopping before a top-level `,`. Without angle brackets the URI ends at the first `;`, and
 * what follows are header parameters.
 */
export function scanNameAddr(s: string, i: number, end: number): NameAddrScan {
  i = skipWs(s, i, end);
  let displayName: string | undefined;
  let c = s.charCodeAt(i);
  if (c === 34) {
    const q = scanQuoted(s, i, end);
    if (q < 0) return 'unbalanced quotes in display name';
    // the content between the quotes (it holds no unescaped quote, so unquote leaves it whole)
    const inner = s.slice(i + 1, q - 1);
    displayName = inner.indexOf('\\') < 0 ? inner : unquote(inner);
    i = skipWs(s, q, end);
    if (s.charCodeAt(i) !== 60) return 'display name without <URI>';
    c = 60;
  } else if (c !== 60) {
    // *(token LWS) before "<", or an addr-spec
    let j = i;
    while (j < end) {
      const d = s.charCodeAt(j);
      if (d === 60) break;
      if (d === 32 || d === 9 || d >= 128 || TOKEN[d] === 1) j++;
      else break;
    }
    if (j < end && s.charCodeAt(j) === 60) {
      displayName = s.slice(i, j).trimEnd();
      i = j;
      c = 60;
    }
  }
  let uriEnd: number;
  let next: number;
  if (c === 60) {
    uriEnd = s.indexOf('>', i + 1);
    if (uriEnd < 0 || uriEnd >= end) return 'missing ">"';
    i++;
    next = uriEnd + 1;
  } else {
    uriEnd = i;
    while (uriEnd < end) {
      const d = s.charCodeAt(uriEnd);
      if (d === 59 || d === 44 || d === 32 || d === 9) break;
      uriEnd++;
    }
    next = uriEnd;
  }
  const uri = scanUri(s, i, uriEnd);
  if (typeof uri === 'string') return uri;
  // RFC 3261 §20.10: a URI with headers (or a comma, semicolon or question mark) MUST be in <> (RFC 4475 §3.1.2.13)
  if (c !== 60 && uri.headers.size > 0) return 'a URI with headers must be enclosed in "<>"';
  const p = scanHeaderParamsLazy(s, next, end);
  if (p.end < 0) return 'bad parameter';
  scanEnd = p.end;
  return { displayName: displayName === '' ? undefined : displayName, uri, params: p.params };
}

/** Parses one name-addr or addr-spec with parameters, e.g. a From value. */
export function parseNameAddr(text: string): ParseResult<NameAddr> {
  const r = scanNameAddr(text, 0, text.length);
  if (typeof r === 'string') return { ok: false, error: new SipParseError('bad-header', `Bad address: ${r}`) };
  if (skipWs(text, scanEnd) !== text.length) return { ok: false, error: new SipParseError('bad-header', 'Bad address: trailing characters') };
  return { ok: true, value: r };
}

/** Renders a name-addr; always with angle brackets so URI parameters stay with the URI (RFC 3261 §20.10). */
export function formatNameAddr(na: NameAddr): string {
  let out = '';
  if (na.displayName !== undefined) out = `${quote(na.displayName)} `;
  out += `<${formatUri(na.uri)}>`;
  for (const [name, value] of na.params) out += value === null ? `;${name}` : `;${name}=${value}`;
  return out;
}
