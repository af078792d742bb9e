import { HNV, PASSWORD, USER, scanSet } from './chars';
import { SipParseError } from './errors';
import { escapesValid, unescape } from './escapes';
import { scanHost } from './host';
import { NO_PARAMS, scanUriParams } from './params';
import type { ParseResult, Params, Uri } from './types';

/** A URI or the reason it is not one; internal form used by the header parsers. */
export type UriScan = Uri | string;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** RFC 3261 §19.1.1, §25.1 SIP-URI / SIPS-URI / absoluteURI, and RFC 3966 tel, over s[start, end). */
export function scanUri(s: string, start: number, end: number): UriScan {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  let i = start;
  if (i >= end || !isAlpha(s.charCodeAt(i))) return 'missing scheme';
  while (i < end) {
    const c = s.charCodeAt(i);
    if (!(isAlpha(c) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) break;
    i++;
  }
  if (s.charCodeAt(i) !== 58) return 'missing scheme';
  const scheme = i - start === 3 && s.startsWith('sip', start) ? 'sip' : i - start === 4 && s.startsWith('sips', start) ? 'sips' : s.slice(start, i).toLowerCase();
  i++;
  if (scheme === 'sip' || scheme === 'sips') return scanSipUri(scheme, s, i, end);
  if (scheme === 'tel') return scanTelUri(s, i, end);
  for (let p = i; p < end; p++) {
    const c = s.charCodeAt(p);
    if (c <= 32 || c === 127 || c === 60 || c === 62 || c === 34) return 'bad character in URI';
  }
  if (i >= end) return 'empty URI';
  return makeUri(scheme, undefined, undefined, '', undefined, NO_PARAMS, NO_PARAMS, s.slice(i, end));
}

function scanSipUri(scheme: string, s: string, i: number, end: number): UriScan {
  let user: string | undefined;
  let password: string | undefined;
  // userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"; user may not hold an unescaped "@"
  // searched within the URI only (an indexOf would go on through the rest of a header block)
  let at = i;
  while (at < end && s.charCodeAt(at) !== 64) at++;
  if (at < end) {
    let p = i;
    let escaped = false;
    let colon = -1;
    // one pass over user and password: their characters and well-formed escapes
    for (; p < at; p++) {
      const c = s.charCodeAt(p);
      if (c === 37) {
        if (!isHex(s.charCodeAt(p + 1)) || !isHex(s.charCodeAt(p + 2)) || p + 2 >= at) return 'bad escape in user part';
        escaped = true;
        p += 2;
      } else if (c === 58 && colon < 0) {
        colon = p;
      } else if (c >= 128 || (colon < 0 ? USER[c] : PASSWORD[c]) === 0) {
        return colon < 0 ? 'bad character in user part' : 'bad character in password';
      }
    }
    const uEnd = colon >= 0 ? colon : at;
    if (uEnd === i) return 'empty user part';
    user = escaped ? unescape(s.slice(i, uEnd)) : s.slice(i, uEnd);
    if (colon >= 0) password = escaped ? unescape(s.slice(colon + 1, at)) : s.slice(colon + 1, at);
    i = at + 1;
  }
  // hostport = host [ ":" port ]
  const hostEnd = scanHost(s, i, end);
  if (hostEnd < 0) return 'bad host';
  const c = s.charCodeAt(hostEnd);
  if (hostEnd < end && c !== 58 && c !== 59 && c !== 63) return 'bad host';
  const host = s.slice(i, hostEnd);
  i = hostEnd;
  let port: number | undefined;
  if (i < end && s.charCodeAt(i) === 58) {
    i++;
    let n = 0;
    const portStart = i;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + c - 48;
      i++;
    }
    if (i === portStart || i - portStart > 5 || n > 65535) return 'bad port';
    port = n;
  }
  const scan = scanUriParams(s, i, end);
  if (scan.end < 0) return 'bad URI parameter';
  i = scan.end;
  let headers: Params = NO_PARAMS;
  if (i < end && s.charCodeAt(i) === 63) {
    const h = scanUriHeaders(s, i + 1, end);
    if (typeof h === 'string') return h;
    headers = h;
    i = end;
  }
  if (i !== end) return 'bad character in URI';
  if (scan.params !== NO_PARAMS && !escapesValid(s, hostEnd, end)) return 'bad escape in URI parameter';
  return makeUri(scheme, user, password, host, port, scan.params, headers, undefined);
}

/** Every URI has the same fields in the same order (one object shape keeps property access fast). */
function makeUri(
  scheme: string,
  user: string | undefined,
  password: string | undefined,
  host: string,
  port: number | undefined,
  params: Params,
  headers: Params,
  opaque: string | undefined,
): Uri {
  return { scheme, user, password, host, port, params, headers, opaque };
}

/** headers = "?" header *( "&" header ), header = hname "=" hvalue. */
function scanUriHeaders(s: string, i: number, end: number): Params | string {
  const headers = new Map<string, string | null>();
  const start = i;
  for (;;) {
    const nameEnd = scanSet(s, i, HNV, end);
    if (nameEnd === i || s.charCodeAt(nameEnd) !== 61) return 'bad URI header';
    const valueEnd = scanSet(s, nameEnd + 1, HNV, end);
    headers.set(s.slice(i, nameEnd).toLowerCase(), s.slice(nameEnd + 1, valueEnd));
    i = valueEnd;
    if (i === end) break;
    if (s.charCodeAt(i) !== 38) return 'bad URI header';
    i++;
  }
  if (!escapesValid(s, start, end)) return 'bad escape in URI header';
  return headers;
}

/** RFC 3966 §3: telephone-subscriber, with parameters. */
function scanTelUri(s: string, i: number, end: number): UriScan {
  let numEnd = i;
  while (numEnd < end && s.charCodeAt(numEnd) !== 59) {
    const c = s.charCodeAt(numEnd);
    if (c <= 32 || c >= 127 || c === 60 || c === 62 || c === 63) return 'bad character in telephone number';
    numEnd++;
  }
  if (numEnd === i) return 'empty telephone number';
  const scan = scanUriParams(s, numEnd, end);
  if (scan.end !== end) return 'bad tel URI parameter';
  return makeUri('tel', unescape(s.slice(i, numEnd)), undefined, '', undefined, scan.params, NO_PARAMS, undefined);
}

/** Parses a URI on its own (no surrounding whitespace or angle brackets). */
export function parseUri(text: string): ParseResult<Uri> {
  const r = scanUri(text, 0, text.length);
  if (typeof r === 'string') return { ok: false, error: new SipParseError('bad-header', `Bad URI: ${r}`) };
  return { ok: true, value: r };
}
