import { GEN_VALUE, PARAM, TOKEN, scanQuoted } from './chars';
import { unescape } from './escapes';
import { ParamList } from './param-list';
import type { Params } from './types';

/** Shared empty parameter set; never mutated. */
export const NO_PARAMS: Params = new ParamList();

const COMMON_NAMES = ['tag', 'branch', 'rport', 'received', 'lr', 'transport', 'expires', 'q', 'maddr', 'ttl', 'user', 'ob', 'reg-id', 'method', 'charset', '+sip.instance'];

/** Common names by length and first letter (`length * 32 + (first char & 31)`). */
const COMMON_BY_SHAPE: (string[] | undefined)[] = [];
for (const name of COMMON_NAMES) (COMMON_BY_SHAPE[name.length * 32 + (name.charCodeAt(0) & 31)] ??= []).push(name);

/**
 * A parameter name in lower case (RFC 3261 §7.3.1) from s[i, end): a shared string for the
 * common ones, so nothing is cut or lower-cased. `upper`: whether the name has capitals.
 */
export function paramName(s: string, i: number, end: number, upper: boolean): string {
  const length = end - i;
  if (length < 32) {
    const list = COMMON_BY_SHAPE[length * 32 + (s.charCodeAt(i) & 31)];
    if (list !== undefined) {
      for (let k = 0; k < list.length; k++) {
        const common = list[k] as string;
        if (!upper) {
          if (s.startsWith(common, i)) return common;
          continue;
        }
        let same = true;
        for (let p = 0; p < length; p++) {
          if ((s.charCodeAt(i + p) | 32) !== common.charCodeAt(p)) {
            same = false;
            break;
          }
        }
        if (same) return common;
      }
    }
  }
  return upper ? s.slice(i, end).toLowerCase() : s.slice(i, end);
}

/** Adds a parameter to name/value pairs; a repeated name keeps its last value. */
function put(items: (string | null)[], name: string, value: string | null): void {
  for (let k = 0; k < items.length; k += 2) {
    if (items[k] === name) {
      items[k + 1] = value;
      return;
    }
  }
  items.push(name, value);
}

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
  const items: (string | null)[] = [];
  const stop = readHeaderParams(s, i, end, items);
  return { params: stop < 0 || items.length === 0 ? NO_PARAMS : new ParamList(items), end: stop };
}

/**
 * Like scanHeaderParams, but only checks the syntax now: the names and values are cut from
 * `s` when the parameters are first read (most header parameters of a received message
 * never are).
 */
export function scanHeaderParamsLazy(s: string, i: number, end: number): ParamScan {
  const stop = readHeaderParams(s, i, end, undefined);
  if (stop < 0) return { params: NO_PARAMS, end: -1 };
  // `i` may be on whitespace before the first ";": the parameters start where it ends
  let first = i;
  while (first < stop && s.charCodeAt(first) !== 59) first++;
  return { params: first === stop ? NO_PARAMS : new ParamList([], s, first, stop, readHeaderParams), end: stop };
}

/**
 * The scanner behind both: returns where the parameters end (-1 on a syntax error) and,
 * when `items` is given, adds the name/value pairs to it.
 */
function readHeaderParams(s: string, i: number, end: number, items: (string | null)[] | undefined): number {
  let c = s.charCodeAt(i);
  while (i < end && (c === 32 || c === 9)) c = s.charCodeAt(++i);
  if (i >= end || c !== 59) return i;
  while (i < end && c === 59) {
    c = s.charCodeAt(++i);
    while (i < end && (c === 32 || c === 9)) c = s.charCodeAt(++i);
    const nameStart = i;
    let upper = false;
    while (i < end && c < 128 && TOKEN[c] === 1) {
      if (c <= 90 && c >= 65) upper = true;
      c = s.charCodeAt(++i);
    }
    if (i === nameStart) return -1;
    const nameEnd = i;
    while (i < end && (c === 32 || c === 9)) c = s.charCodeAt(++i);
    let valueStart = -1;
    let valueEnd = -1;
    if (i < end && c === 61) {
      c = s.charCodeAt(++i);
      while (i < end && (c === 32 || c === 9)) c = s.charCodeAt(++i);
      valueStart = i;
      if (c === 34) {
        i = scanQuoted(s, i, end);
        if (i < 0) return -1;
      } else {
        while (i < end && c < 128 && GEN_VALUE[c] === 1) c = s.charCodeAt(++i);
        if (i === valueStart) return -1;
      }
      valueEnd = i;
      c = s.charCodeAt(i);
      while (i < end && (c === 32 || c === 9)) c = s.charCodeAt(++i);
    }
    if (items !== undefined) put(items, paramName(s, nameStart, nameEnd, upper), valueStart < 0 ? null : s.slice(valueStart, valueEnd));
  }
  return i;
}

/**
 * RFC 3261 §19.1.1 uri-parameters: *( ";" pname [ "=" pvalue ] ) with paramchar only and no
 * whitespace. Stops at `?` or `end`; returns -1 in `end` on a syntax error.
 */
export function scanUriParams(s: string, i: number, end: number): ParamScan {
  if (i >= end || s.charCodeAt(i) !== 59) return { params: NO_PARAMS, end: i };
  const items: (string | null)[] = [];
  let c = 59;
  while (i < end && c === 59) {
    c = s.charCodeAt(++i);
    const nameStart = i;
    let upper = false;
    let escaped = false;
    while (i < end && c < 128 && PARAM[c] === 1) {
      if (c <= 90 && c >= 65) upper = true;
      else if (c === 37) escaped = true;
      c = s.charCodeAt(++i);
    }
    if (i === nameStart) return { params: NO_PARAMS, end: -1 };
    // RFC 3261 §19.1.4: an escaped character equals its unescaped form
    const name = escaped ? unescape(s.slice(nameStart, i)).toLowerCase() : paramName(s, nameStart, i, upper);
    let value: string | null = null;
    if (i < end && c === 61) {
      c = s.charCodeAt(++i);
      const valueStart = i;
      while (i < end && c < 128 && PARAM[c] === 1) c = s.charCodeAt(++i);
      if (i === valueStart) return { params: NO_PARAMS, end: -1 };
      value = s.slice(valueStart, i);
    }
    put(items, name, value);
  }
  return { params: new ParamList(items), end: i };
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
