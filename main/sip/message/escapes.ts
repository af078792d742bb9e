import { isUtf8 } from 'node:buffer';

function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** RFC 3261 §25.1 escaped = "%" HEXDIG HEXDIG: true when every `%` starts a valid escape. */
export function escapesValid(s: string, i: number, end: number): boolean {
  // a loop bounded by `end` (an indexOf would search the rest of a header block)
  for (let p = i; p < end; p++) {
    if (s.charCodeAt(p) !== 37) continue;
    if (p + 2 >= end) return false;
    if (hex(s.charCodeAt(p + 1)) < 0 || hex(s.charCodeAt(p + 2)) < 0) return false;
  }
  return true;
}

/** Decodes %-escapes; the bytes are read as UTF-8 when valid, else one char per byte. */
export function unescape(s: string): string {
  if (s.indexOf('%') < 0) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length && hex(s.charCodeAt(i + 1)) >= 0 && hex(s.charCodeAt(i + 2)) >= 0) {
      bytes.push(hex(s.charCodeAt(i + 1)) * 16 + hex(s.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 128) {
      bytes.push(c);
    } else {
      for (const b of Buffer.from(s[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  const buf = Buffer.from(bytes);
  return isUtf8(buf) ? buf.toString('utf8') : buf.toString('latin1');
}

/** %-escapes every character outside `safe` (a table of ASCII codes), as UTF-8 bytes. */
export function escape(s: string, safe: Uint8Array): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || safe[c] === 0) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    out += b < 128 && safe[b] === 1 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
