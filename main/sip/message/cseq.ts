import { scanToken, skipWs } from './chars';
import { SipParseError } from './errors';
import type { CSeq, ParseResult } from './types';

/** RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer below 2**31. */
export const MAX_CSEQ = 2 ** 31 - 1;

/** RFC 3261 §20.16 CSeq = 1*DIGIT LWS Method; returns the fault as a string. */
export function scanCSeq(s: string, from = 0, end = s.length): CSeq | string {
  let i = skipWs(s, from, end);
  const start = i;
  let n = 0;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
    i++;
  }
  if (i === start) return 'missing sequence number';
  if (i - start > 10 || n > MAX_CSEQ) return 'sequence number out of range';
  const m = skipWs(s, i, end);
  if (m === i) return 'missing method';
  const mEnd = scanToken(s, m, end);
  if (mEnd === m || skipWs(s, mEnd, end) !== end) return 'bad method';
  return { seq: n, method: knownMethod(s, m, mEnd) ?? s.slice(m, mEnd) };
}

const METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'MESSAGE', 'NOTIFY', 'SUBSCRIBE', 'REFER', 'INFO', 'UPDATE', 'PRACK', 'PUBLISH'];

/** The shared string for a common method at s[i, end) (cheaper to keep and compare than a cut one). */
export function knownMethod(s: string, i: number, end: number): string | undefined {
  const c = s.charCodeAt(i);
  const length = end - i;
  for (const m of METHODS) if (m.length === length && m.charCodeAt(0) === c && s.startsWith(m, i)) return m;
  return undefined;
}

export function parseCSeq(text: string): ParseResult<CSeq> {
  const r = scanCSeq(text);
  if (typeof r === 'string') return { ok: false, error: new SipParseError('bad-header', `Bad CSeq header: ${r}`, 400, 'cseq') };
  return { ok: true, value: r };
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}
