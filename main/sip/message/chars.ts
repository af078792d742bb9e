/** Character classes of RFC 3261 §25.1, as lookup tables over char codes below 128. */

function table(chars: string, ranges = true): Uint8Array {
  const t = new Uint8Array(128);
  if (ranges) {
    for (let c = 48; c <= 57; c++) t[c] = 1;
    for (let c = 65; c <= 90; c++) t[c] = 1;
    for (let c = 97; c <= 122; c++) t[c] = 1;
  }
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" */
export const TOKEN = table("-.!%*_+`'~");
/** unreserved = alphanum / mark */
const MARK = "-_.!~*'()";
/** user = 1*( unreserved / escaped / user-unreserved ), user-unreserved = & = + $ , ; ? / */
export const USER = table(`${MARK}%&=+$,;?/`);
/** password = *( unreserved / escaped / & = + $ , ) */
export const PASSWORD = table(`${MARK}%&=+$,`);
/** paramchar = param-unreserved / unreserved / escaped; param-unreserved = [ ] / : & + $ */
export const PARAM = table(`${MARK}%[]/:&+$`);
/** hnv-unreserved / unreserved / escaped, for URI headers; hnv-unreserved = [ ] / ? : + $ */
export const HNV = table(`${MARK}%[]/?:+$`);
/** Characters of a header parameter value that is not quoted: token plus what hosts need (IPv6). */
export const GEN_VALUE = table("-.!%*_+`'~:[]");
/** hostname / IPv4address / IPv6reference characters. */
export const HOST = table('-.[]:');
/** A user part that needs no %-escaping when rendered. */
export const USER_SAFE = table(`${MARK}&=+$,;?/`);
export const PASSWORD_SAFE = table(`${MARK}&=+$,`);

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TOKEN[c] === 0) return false;
  }
  return true;
}

/** Index past the token starting at `i` (equal to `i` when there is none). */
export function scanToken(s: string, i: number, end = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TOKEN[c] === 0) break;
    i++;
  }
  return i;
}

/** Index past the run of characters of `set` starting at `i`. */
export function scanSet(s: string, i: number, set: Uint8Array, end = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 128 || set[c] === 0) break;
    i++;
  }
  return i;
}

/** RFC 3261 §25.1 LWS / SWS: values are unfolded, so only SP and HT remain. */
export function skipWs(s: string, i: number, end = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/**
 * RFC 3261 §25.1 quoted-string: `"` *(qdtext / quoted-pair) `"`. `i` points at the opening
 * quote; returns the index past the closing one, or -1 when it is not closed.
 */
export function scanQuoted(s: string, i: number, end = s.length): number {
  i++;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
      const n = s.charCodeAt(i + 1);
      if (i + 1 >= end || n === 10 || n === 13) return -1;
      i += 2;
      continue;
    }
    if (c === 10 || c === 13) return -1;
    i++;
  }
  return -1;
}

/** The content of a quoted-string (with or without its quotes) with quoted-pairs resolved. */
export function unquote(q: string): string {
  let s = q;
  if (s.length >= 2 && s.charCodeAt(0) === 34 && s.charCodeAt(s.length - 1) === 34) s = s.slice(1, -1);
  return s.indexOf('\\') < 0 ? s : s.replace(/\\(.)/gs, '$1');
}

/** Renders `s` as a quoted-string, escaping `"` and `\` (RFC 3261 §25.1). */
export function quote(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

/** The value of a string of 1 to `maxDigits` decimal digits, or -1 when it is anything else. */
export function parseDigits(s: string, maxDigits: number, i = 0, end = s.length): number {
  if (i === end || end - i > maxDigits) return -1;
  let v = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}
