import { parseFailure, type Parsed } from './errors';

/** One challenge or credentials item as written: a scheme and its auth-params (names lower-cased). */
export interface RawAuthItem {
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
  /** RFC 7235 §2.1 token68 form (e.g. Basic credentials); Digest never uses it. */
  readonly token68?: string;
}

// RFC 3261 §25.1 token characters, plus the few extra that RFC 7230 tchar allows.
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~#$&^|]+$/;
const WS = /[ \t\r\n]/;

export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

/** Splits on commas that are outside quoted strings (RFC 3261 §7.3.1 list syntax). */
function splitTopLevel(value: string): Parsed<string[]> {
  const items: string[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (inQuote) {
      if (c === '\\') i++; // RFC 3261 §25.1 quoted-pair
      else if (c === '"') inQuote = false;
    } else if (c === '"') {
      inQuote = true;
    } else if (c === ',') {
      items.push(value.slice(start, i));
      start = i + 1;
    }
  }
  if (inQuote) return parseFailure('unterminated-quote', 'a quoted string is not closed');
  items.push(value.slice(start));
  return { ok: true, value: items.map((s) => s.trim()).filter((s) => s.length > 0) };
}

/** Reads a quoted string starting at `s[0] === '"'`; returns its unescaped text and the rest. */
function readQuoted(s: string): { text: string; rest: string } | undefined {
  let text = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      if (i + 1 >= s.length) return undefined;
      text += s[++i];
    } else if (c === '"') {
      return { text, rest: s.slice(i + 1) };
    } else {
      text += c;
    }
  }
  return undefined;
}

/** `name = value` where value is a token or a quoted string; undefined when the item is not a param. */
function readParam(item: string): Parsed<{ name: string; value: string }> | undefined {
  const eq = item.indexOf('=');
  if (eq <= 0) return undefined;
  const name = item.slice(0, eq).trim();
  if (!isToken(name)) return undefined;
  const raw = item.slice(eq + 1).trim();
  if (raw.startsWith('"')) {
    const q = readQuoted(raw);
    if (!q) return parseFailure('unterminated-quote', `the value of ${name} is not a closed quoted string`);
    if (q.rest.trim() !== '') return parseFailure('bad-value', `text after the quoted value of ${name}`);
    return { ok: true, value: { name: name.toLowerCase(), value: q.text } };
  }
  // Unquoted values should be tokens; any run without spaces or quotes is read, for odd peers.
  if (!/^[^\s"]+$/.test(raw)) return undefined;
  return { ok: true, value: { name: name.toLowerCase(), value: raw } };
}

/**
 * Parses a header value holding one or more challenges or credentials (RFC 7235 §2.1 as used
 * by RFC 3261 §20.44/§20.7): `Scheme p=v, p="v", Scheme2 ...`.
 */
export function parseAuthItems(value: string): Parsed<RawAuthItem[]> {
  const split = splitTopLevel(value);
  if (!split.ok) return split;
  if (split.value.length === 0) return parseFailure('empty', 'the header value is empty');
  const out: { scheme: string; params: Map<string, string>; token68?: string }[] = [];
  for (const item of split.value) {
    const param = readParam(item);
    if (param && !param.ok) return param;
    if (param?.ok) {
      const current = out[out.length - 1];
      if (!current) return parseFailure('expected-scheme', 'a parameter comes before any scheme');
      if (current.params.has(param.value.name)) {
        return parseFailure('duplicate-param', `${param.value.name} appears twice`); // RFC 7235 §2.1: once per challenge
      }
      current.params.set(param.value.name, param.value.value);
      continue;
    }
    // Not a param: a new scheme, maybe followed by its first param or a token68.
    const ws = item.search(WS);
    const scheme = ws < 0 ? item : item.slice(0, ws);
    if (!isToken(scheme)) return parseFailure('expected-scheme', `"${scheme}" is not an auth scheme`);
    const entry: { scheme: string; params: Map<string, string>; token68?: string } = { scheme, params: new Map() };
    out.push(entry);
    const rest = ws < 0 ? '' : item.slice(ws).trim();
    if (rest === '') continue;
    const first = readParam(rest);
    if (first && !first.ok) return first;
    if (first?.ok) entry.params.set(first.value.name, first.value.value);
    else if (/^[A-Za-z0-9\-._~+/]+=*$/.test(rest)) entry.token68 = rest;
    else return parseFailure('expected-param', `cannot read "${rest}" after ${scheme}`);
  }
  return { ok: true, value: out };
}

/** RFC 3261 §25.1 quoted-string: backslash-escape `"` and `\`. */
export function quote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
