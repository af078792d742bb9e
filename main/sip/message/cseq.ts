import { scanToken, skipWs } from './chars';
import { SipParseError } from './errors';
import type { CSeq, ParseResult } from './types';

/** RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer below 2**31. */
export const MAX_CSEQ = 2 ** 31 - 1;

/** RFC 3261 §20.16 CSeq = 1*DIGIT LWS Method; returns the fault as a string. */
export function scanCSeq(s: string): CSeq | string {
  let i = skipWs(s, 0);
  const start = i;
  let n = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
    i++;
  }
  if (i === start) return 'missing sequence number';
  if (i - start > 10 || n > MAX_CSEQ) return 'sequence number out of range';
  const m = skipWs(s, i);
  if (m === i) return 'missing method';
  const mEnd = scanToken(s, m);
  if (mEnd === m || skipWs(s, mEnd) !== s.length) return 'bad method';
  return { seq: n, method: s.slice(m, mEnd) };
}

export function parseCSeq(text: string): ParseResult<CSeq> {
  const r = scanCSeq(text);
  if (typeof r === 'string') return { ok: false, error: new SipParseError('bad-header', `Bad CSeq header: ${r}`, 400, 'cseq') };
  return { ok: true, value: r };
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}
