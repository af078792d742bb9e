import { applyEager, emptyEager } from './eager-headers';
import type { MalformedContext } from './errors';
import { headerKey } from './header-names';
import type { HeaderField } from './types';

const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

/**
 * What a UAS needs to answer a malformed request with 400 (RFC 3261 §8.2.6.2: copy Via,
 * From, To, Call-ID and CSeq): a best-effort second pass over the header lines that parses
 * each of those on its own and keeps their lines verbatim.
 */
export function malformedContext(head: string, pos: number, kind: 'request' | 'response', method?: string, status?: number): MalformedContext {
  const h = emptyEager();
  const copyHeaders: HeaderField[] = [];
  const n = head.length;
  while (pos < n) {
    let lineEnd = head.indexOf('\r\n', pos);
    if (lineEnd < 0) lineEnd = n;
    while (lineEnd < n && (head.charCodeAt(lineEnd + 2) === 32 || head.charCodeAt(lineEnd + 2) === 9)) {
      const next = head.indexOf('\r\n', lineEnd + 2);
      lineEnd = next < 0 ? n : next;
    }
    const colon = head.indexOf(':', pos);
    if (colon > pos && colon < lineEnd) {
      const name = head.slice(pos, colon).trim();
      const key = headerKey(name);
      if (COPIED.has(key)) {
        const value = head.slice(colon + 1, lineEnd).replace(/[ \t]*\r\n[ \t]+/g, ' ').trim();
        copyHeaders.push({ name, key, value, raw: head.slice(pos, lineEnd) });
        const before = key === 'via' ? h.via.length : 0;
        if (applyEager(h, key, value) !== undefined && key === 'via') h.via.length = before;
      }
    }
    pos = lineEnd + 2;
  }
  const context: { -readonly [K in keyof MalformedContext]: MalformedContext[K] } = { kind, via: h.via, copyHeaders };
  if (method !== undefined) context.method = method;
  if (status !== undefined) context.status = status;
  if (h.from !== undefined) context.from = h.from;
  if (h.to !== undefined) context.to = h.to;
  if (h.callId !== undefined) context.callId = h.callId;
  if (h.cseq !== undefined) context.cseq = h.cseq;
  return context;
}
