import { isAscii, isUtf8 } from 'node:buffer';
import { TOKEN, scanToken } from './chars';
import { knownMethod } from './cseq';
import { applyEager, emptyEager, type EagerHeaders } from './eager-headers';
import { SipParseError } from './errors';
import { headerKey, knownNameAt, knownNameExact } from './header-names';
import { ReceivedHeaders, unfold } from './header-field';
import { malformedContext } from './malformed-context';
import { scanUri } from './parse-uri';
import { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import type { SipMessage } from './sip-message';
import type { ParseOptions, ParseResult, Uri } from './types';

const EMPTY = Buffer.alloc(0);

/** Buffer's own latin1 decoder, without the argument checks of toString (one char per byte). */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Buffer, start: number, end: number) => string }).latin1Slice;

function decodeLatin1(data: Buffer, start: number, end: number): string {
  return latin1Slice !== undefined ? latin1Slice.call(data, start, end) : data.toString('latin1', start, end);
}

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

/** The parts of a start line. */
type StartLine =
  | { kind: 'request'; method: string; uriText: string; uri: Uri }
  | { kind: 'response'; status: number; reason: string };

/**
 * Parses one SIP message (RFC 3261 §7) from bytes. Never throws: a bad message gives a
 * SipParseError whose `reason` fits a 400 reason phrase and whose `context` holds what a UAS
 * needs to send it. Keeps a reference to `data` (body and raw bytes are views of it).
 */
export function parseMessage(data: Buffer, options?: ParseOptions): ParseResult<SipMessage> {
  try {
    return parse(data, options?.transport === 'stream');
  } catch {
    // a safety net: every fault above is meant to be reported as a value
    return fail('bad-start-line', 'Malformed message');
  }
}

function fail(code: SipParseError['code'], reason: string, status: 400 | 416 | 505 = 400, header?: string): { ok: false; error: SipParseError } {
  return { ok: false, error: new SipParseError(code, reason, status, header) };
}

function parse(data: Buffer, stream: boolean): ParseResult<SipMessage> {
  const size = data.length;
  // RFC 3261 §7.5: CRLFs before the start line are ignored
  let start = 0;
  while (data[start] === 13 && data[start + 1] === 10) start += 2;
  if (start >= size - 1) return fail('empty', 'Empty message');
  let headEnd = data.indexOf(HEAD_END, start);
  let bodyStart = headEnd + 4;
  if (headEnd < 0) {
    // a datagram whose last header line lacks the empty line after it: no body (robustness)
    if (stream || data[size - 2] !== 13 || data[size - 1] !== 10) return fail('incomplete', 'Header block not terminated by an empty line');
    headEnd = size - 2;
    bodyStart = size;
  }
  // the header block is decoded once into a flat string (one char per byte for ASCII, so
  // offsets in it are byte offsets); other bytes than ASCII are read as UTF-8 when valid,
  // else kept one char per byte so they render back unchanged
  let latin1 = false;
  let head: string;
  if (isAscii(data) || isAscii(data.subarray(start, headEnd))) head = decodeLatin1(data, start, headEnd);
  else if (isUtf8(data.subarray(start, headEnd))) head = data.toString('utf8', start, headEnd);
  else {
    head = decodeLatin1(data, start, headEnd);
    latin1 = true;
  }
  let lineEnd = head.indexOf('\r\n');
  if (lineEnd < 0) lineEnd = head.length;
  const sl = parseStartLine(head, lineEnd);
  if (sl instanceof SipParseError) {
    // a request line we could read the method of: the UAS still answers (400, 416 or 505)
    const methodEnd = scanToken(head, 0, lineEnd);
    if (methodEnd === 0 || head.charCodeAt(methodEnd) !== 32 || head.startsWith('SIP/')) return { ok: false, error: sl };
    return { ok: false, error: sl.withContext(malformedContext(head, lineEnd + 2, 'request', head.slice(0, methodEnd))) };
  }
  const headers = new ReceivedHeaders(head);
  const eager = emptyEager();
  const fault = parseHeaders(head, lineEnd + 2, headers, eager);
  const kind = sl.kind;
  if (fault !== undefined) return withContext(fault, head, lineEnd, sl);
  const missing = missingHeader(eager);
  if (missing !== undefined) return withContext(new SipParseError('missing-header', `Missing ${missing} header`, 400, missing.toLowerCase()), head, lineEnd, sl);
  // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method (RFC 4475 §3.1.2.17)
  if (kind === 'request' && (eager.cseq as { method: string }).method !== sl.method) {
    return withContext(new SipParseError('bad-header', 'Bad CSeq header: method does not match request line', 400, 'cseq'), head, lineEnd, sl);
  }
  // RFC 3261 §18.3: Content-Length frames the body
  const available = data.length - bodyStart;
  let bodyLength: number;
  const cl = eager.contentLength;
  if (cl === undefined) {
    if (stream) return withContext(new SipParseError('missing-content-length', 'Missing Content-Length header', 400, 'content-length'), head, lineEnd, sl);
    bodyLength = available;
  } else if (cl > available) {
    return withContext(new SipParseError('body-too-short', 'Bad Content-Length header: body shorter than Content-Length', 400, 'content-length'), head, lineEnd, sl);
  } else {
    bodyLength = cl;
  }
  const end = bodyStart + bodyLength;
  const body = bodyLength === 0 ? EMPTY : data.subarray(bodyStart, end);
  const raw = start === 0 && end === data.length ? data : data.subarray(start, end);
  const msg =
    sl.kind === 'request'
      ? new SipRequest(sl.method, sl.uri, sl.uriText, headers, eager, body, raw)
      : new SipResponse(sl.status, sl.reason, headers, eager, body, raw);
  if (latin1) msg.markBinaryHead();
  return { ok: true, value: msg };
}

function missingHeader(h: EagerHeaders): string | undefined {
  // RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are mandatory (Max-Forwards is added by proxies, §16.6)
  if (h.via.length === 0) return 'Via';
  if (h.from === undefined) return 'From';
  if (h.to === undefined) return 'To';
  if (h.callId === undefined) return 'Call-ID';
  if (h.cseq === undefined) return 'CSeq';
  return undefined;
}

function withContext(error: SipParseError, head: string, lineEnd: number, sl: StartLine): { ok: false; error: SipParseError } {
  return { ok: false, error: error.withContext(malformedContext(head, lineEnd + 2, sl.kind, sl.kind === 'request' ? sl.method : undefined, sl.kind === 'response' ? sl.status : undefined)) };
}

/** RFC 3261 §7.1 Request-Line = Method SP Request-URI SP SIP-Version CRLF; §7.2 Status-Line. */
function parseStartLine(head: string, end: number): StartLine | SipParseError {
  if (head.startsWith('SIP/') || head.startsWith('sip/')) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
    const sp = head.indexOf(' ');
    if (sp < 0 || sp > end) return new SipParseError('bad-start-line', 'Bad status line');
    if (!isSip20(head, 0, sp)) return new SipParseError('bad-version', 'Version Not Supported', 505);
    // Status-Code = 3DIGIT, the first 1-6
    const d0 = head.charCodeAt(sp + 1) - 48;
    const d1 = head.charCodeAt(sp + 2) - 48;
    const d2 = head.charCodeAt(sp + 3) - 48;
    if (sp + 4 > end || d0 < 1 || d0 > 6 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || (end > sp + 4 && head.charCodeAt(sp + 4) !== 32)) return new SipParseError('bad-start-line', 'Bad status code');
    return { kind: 'response', status: d0 * 100 + d1 * 10 + d2, reason: end > sp + 5 ? head.slice(sp + 5, end) : '' };
  }
  const methodEnd = scanToken(head, 0, end);
  if (methodEnd === 0 || head.charCodeAt(methodEnd) !== 32) return new SipParseError('bad-start-line', 'Bad request line');
  const method = knownMethod(head, 0, methodEnd) ?? head.slice(0, methodEnd);
  const uriStart = methodEnd + 1;
  const uriEnd = head.indexOf(' ', uriStart);
  if (uriEnd < 0 || uriEnd >= end || uriEnd === uriStart) return new SipParseError('bad-start-line', 'Bad request line');
  // exactly one SP between the elements (RFC 4475 §3.1.2.3, §3.1.2.5)
  const versionStart = uriEnd + 1;
  const extra = head.indexOf(' ', versionStart);
  if (extra >= 0 && extra < end) return new SipParseError('bad-start-line', 'Bad request line: extra whitespace');
  if (!isSip20(head, versionStart, end)) {
    if (/^SIP\/\d+\.\d+$/i.test(head.slice(versionStart, end))) return new SipParseError('bad-version', 'Version Not Supported', 505);
    return new SipParseError('bad-start-line', 'Bad request line');
  }
  const uriText = head.slice(uriStart, uriEnd);
  const uri = scanUri(head, uriStart, uriEnd);
  if (typeof uri === 'string') return new SipParseError('bad-request-uri', `Bad Request-URI: ${uri}`);
  // RFC 3261 §8.2.2.1: a scheme we do not understand gets 416
  if (uri.scheme !== 'sip' && uri.scheme !== 'sips' && uri.scheme !== 'tel') {
    return new SipParseError('unsupported-uri-scheme', 'Unsupported URI Scheme', 416);
  }
  // RFC 3261 §19.1.1 (table 1): headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11)
  if (uri.headers.size > 0) return new SipParseError('bad-request-uri', 'Bad Request-URI: headers are not allowed');
  return { kind: 'request', method, uriText, uri };
}

/** "SIP/2.0", case-insensitively (RFC 3261 §7.1). */
function isSip20(s: string, i: number, end: number): boolean {
  if (end - i !== 7) return false;
  const c0 = s.charCodeAt(i) | 32;
  const c1 = s.charCodeAt(i + 1) | 32;
  const c2 = s.charCodeAt(i + 2) | 32;
  return c0 === 115 && c1 === 105 && c2 === 112 && s.startsWith('/2.0', i + 3);
}

/**
 * RFC 3261 §7.3: header lines, with folding (§7.3.1: a line starting with whitespace
 * continues the previous one). Fills `headers` and the eager headers; returns the first fault.
 */
function parseHeaders(head: string, pos: number, headers: ReceivedHeaders, eager: EagerHeaders): SipParseError | undefined {
  const n = head.length;
  while (pos < n) {
    let lineEnd = head.indexOf('\r\n', pos);
    if (lineEnd < 0) lineEnd = n;
    // header-name = token; HCOLON = *( SP / HTAB ) ":" SWS
    let colon = head.indexOf(':', pos);
    let known = colon > pos && colon < lineEnd ? knownNameAt(head, pos, colon) : undefined;
    let nameEnd = colon;
    let c: number;
    if (known === undefined) {
      // not "Name:" with a known name: check the name character by character
      nameEnd = pos;
      c = head.charCodeAt(nameEnd);
      while (c < 128 && TOKEN[c] === 1) c = head.charCodeAt(++nameEnd);
      if (nameEnd === pos) return new SipParseError('bad-header', 'Bad header line: bad name');
      colon = nameEnd;
      while (c === 32 || c === 9) c = head.charCodeAt(++colon);
      if (c !== 58) return new SipParseError('bad-header', colon < n && c !== 13 ? 'Bad header line: bad name' : 'Bad header line: missing ":"');
      known = knownNameAt(head, pos, nameEnd);
    }
    // RFC 3261 §7.3.1: a line starting with whitespace continues the previous one (folding)
    let folded = false;
    while (lineEnd < n) {
      const d = head.charCodeAt(lineEnd + 2);
      if (d !== 32 && d !== 9) break;
      folded = true;
      const next = head.indexOf('\r\n', lineEnd + 2);
      lineEnd = next < 0 ? n : next;
    }
    let vs = colon + 1;
    c = head.charCodeAt(vs);
    while (vs < lineEnd && (c === 32 || c === 9)) c = head.charCodeAt(++vs);
    let ve = lineEnd;
    c = head.charCodeAt(ve - 1);
    while (ve > vs && (c === 32 || c === 9)) c = head.charCodeAt(--ve - 1);
    // a known name resolves without cutting or lower-casing a string; a usual spelling is shared
    if (known !== undefined) {
      headers.add(known.key, knownNameExact ? known.spelling : undefined, pos, nameEnd, vs, ve, lineEnd, folded);
      if (known.eager) {
        const key = known.key;
        const bad = folded ? applyEager(eager, key, unfold(head.slice(vs, ve))) : applyEager(eager, key, head, vs, ve);
        if (bad !== undefined) return new SipParseError(key === 'content-length' ? 'bad-content-length' : 'bad-header', bad, 400, key);
      }
    } else {
      headers.add(headerKey(head.slice(pos, nameEnd)), undefined, pos, nameEnd, vs, ve, lineEnd, folded);
    }
    pos = lineEnd + 2;
  }
  return undefined;
}
