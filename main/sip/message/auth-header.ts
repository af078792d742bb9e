import { scanQuoted, scanSet, scanToken, skipWs, unquote, GEN_VALUE } from './chars';
import type { AuthParams } from './types';

/**
 * RFC 3261 §25.1 challenge / credentials: auth-scheme LWS auth-param *(COMMA auth-param),
 * auth-param = token EQUAL ( token / quoted-string ). Schemes other than Digest may carry a
 * token68 instead (RFC 7235 §2.1). Returns the fault as a string.
 */
export function scanAuth(s: string): AuthParams | string {
  let i = skipWs(s, 0);
  const schemeEnd = scanToken(s, i);
  if (schemeEnd === i) return 'missing scheme';
  const scheme = s.slice(i, schemeEnd);
  i = skipWs(s, schemeEnd);
  const params = new Map<string, string>();
  if (i >= s.length) return { scheme, params };
  const probe = scanToken(s, i);
  if (skipWs(s, probe) >= s.length || s.charCodeAt(skipWs(s, probe)) !== 61 || /^=+\s*$/.test(s.slice(probe))) {
    // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    const token = s.slice(i).trim();
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) return 'bad parameters';
    return { scheme, params, token };
  }
  for (;;) {
    const nameEnd = scanToken(s, i);
    if (nameEnd === i) return 'bad parameter name';
    const name = s.slice(i, nameEnd).toLowerCase();
    i = skipWs(s, nameEnd);
    if (s.charCodeAt(i) !== 61) return `missing "=" after ${name}`;
    i = skipWs(s, i + 1);
    let value: string;
    if (s.charCodeAt(i) === 34) {
      const q = scanQuoted(s, i);
      if (q < 0) return `unterminated quotes in ${name}`;
      value = unquote(s.slice(i, q));
      i = q;
    } else {
      const e = scanSet(s, i, GEN_VALUE);
      if (e === i) return `empty ${name}`;
      value = s.slice(i, e);
      i = e;
    }
    params.set(name, value);
    i = skipWs(s, i);
    if (i >= s.length) return { scheme, params };
    if (s.charCodeAt(i) !== 44) return 'unexpected character';
    i = skipWs(s, i + 1);
  }
}
