import { GEN_VALUE, PARAM, TOKEN, scanQuoted, scanSet, skipWs } from './chars';
import { nameHashStep } from './header-names';
import { unescape } from './escapes';
import { ParamList } from './param-list';
import type { Params } from './types';

/** Shared empty parameter set; never mutated. */
export const NO_PARAMS: Params = new ParamList();

const COMMON_NAMES = ['tag', 'branch', 'rport', 'received', 'lr', 'transport', 'expires', 'q', 'maddr', 'ttl', 'user', 'ob', 'reg-id', 'method', 'charset'];
const COMMON_BY_HASH = new Map<number, string>();
for (const name of COMMON_NAMES) {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = nameHashStep(h, name.charCodeAt(i));
  COMMON_BY_HASH.set(h, name);
}

/**
 * A parameter name in lower case (RFC 3261 §7.3.1), given its case-folded hash: a shared
 * string for the common ones, so nothing is cut or hashed again.
 */
export function paramName(s: string, i: number, end: number, hash: number): string {
  const common = COMMON_BY_HASH.get(hash);
  if (common !== undefined && common.length === end - i) {
    let same = true;
    for (let k = 0; k < common.length; k++) {
      if ((s.charCodeAt(i + k) | 32) !== common.charCodeAt(k)) {
        same = false;
        break;
      }
    }
    if (same) return common;
  }
  for (let p = i; p < end; p++) {
    const c = s.charCodeAt(p);
    if (c >= 65 && c <= 90) return s.slice(i, end).toLowerCase();
  }
  return s.slice(i, end);
}

/** Index past the run of `set` characters from `i`, with the case-folded hash of the run in `out.hash`. */
function scanName(s: string, i: number, end: number, set: Uint8Array, out: { hash: number }): number {
  let h = 0;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 128 || set[c] === 0) break;
    h = nameHashStep(h, c);
    i++;
  }
  out.hash = h;
  return i;
}

const scratch = { hash: 0 };

/** Where a parameter scan stopped; `end` is -1 on a syntax error. */
export interface ParamScan {
  params: Params;
  end: number;
}

/**
 * RFC 3261 §25.1 header parameters: *( SEMI generic-param ), generic-param = token
 * [ EQUAL gen-value ], gen-value = token / host / quoted-string. Starts at `i` (on a `;` or
 * whitespace) and stops before a `,` or at `end`; anything else is an error.
 */
export function scanHeaderParams(s: string, i: number, end: number): ParamScan {
  i = skipWs(s, i, end);
  if (i >= end || s.charCodeAt(i) !== 59) return { params: NO_PARAMS, end: i };
  const params = new ParamList();
  while (i < end && s.charCodeAt(i) === 59) {
    i = skipWs(s, i + 1, end);
    const nameEnd = scanName(s, i, end, TOKEN, scratch);
    if (nameEnd === i) return { params, end: -1 };
    const name = paramName(s, i, nameEnd, scratch.hash);
    i = skipWs(s, nameEnd, end);
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61) {
      i = skipWs(s, i + 1, end);
      let valueEnd: number;
      if (s.charCodeAt(i) === 34) {
        valueEnd = scanQuoted(s, i, end);
        if (valueEnd < 0) return { params, end: -1 };
      } else {
        valueEnd = scanSet(s, i, GEN_VALUE, end);
        if (valueEnd === i) return { params, end: -1 };
      }
      value = s.slice(i, valueEnd);
      i = skipWs(s, valueEnd, end);
    }
    params.set(name, value);
  }
  return { params, end: i };
}

/**
 * RFC 3261 §19.1.1 uri-parameters: *( ";" pname [ "=" pvalue ] ) with paramchar only and no
 * whitespace. Stops at `?` or `end`; returns -1 in `end` on a syntax error.
 */
export function scanUriParams(s: string, i: number, end: number): ParamScan {
  if (i >= end || s.charCodeAt(i) !== 59) return { params: NO_PARAMS, end: i };
  const params = new ParamList();
  while (i < end && s.charCodeAt(i) === 59) {
    i++;
    const nameEnd = scanName(s, i, end, PARAM, scratch);
    if (nameEnd === i) return { params, end: -1 };
    // RFC 3261 §19.1.4: an escaped character equals its unescaped form
    const escaped = s.indexOf('%', i);
    const name = escaped >= 0 && escaped < nameEnd ? unescape(s.slice(i, nameEnd)).toLowerCase() : paramName(s, i, nameEnd, scratch.hash);
    i = nameEnd;
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61) {
      const valueEnd = scanSet(s, i + 1, PARAM, end);
      if (valueEnd === i + 1) return { params, end: -1 };
      value = s.slice(i + 1, valueEnd);
      i = valueEnd;
    }
    params.set(name, value);
  }
  return { params, end: i };
}

/** Renders parameters as `;name=value;flag`. */
export function formatParams(params: Params): string {
  if (params.size === 0) return '';
  let out = '';
  for (const [name, value] of params) out += value === null ? `;${name}` : `;${name}=${value}`;
  return out;
}

/** Case-insensitive parameter lookup: `undefined` when absent, `null` when present without a value. */
export function getParam(params: Params, name: string): string | null | undefined {
  return params.get(name.toLowerCase());
}

/** A copy of `params` with `name` set (or removed when `value` is undefined). */
export function withParam(params: Params, name: string, value: string | null | undefined): Params {
  const next = new Map(params);
  if (value === undefined) next.delete(name.toLowerCase());
  else next.set(name.toLowerCase(), value);
  return next;
}
