import { describe, expect, it } from 'vitest';
import { parseMessage, SipRequest, SipResponse } from '../../../main/sip/message';
import { BASE_HEADERS, mustParse, options, sip } from './helpers';

describe('parseMessage: start line and framing (RFC 3261 §7, §18.3)', () => {
  it('parses a request and a response', () => {
    const req = mustParse(options());
    expect(req).toBeInstanceOf(SipRequest);
    expect((req as SipRequest).method).toBe('OPTIONS');
    expect((req as SipRequest).uri.user).toBe('bob');
    const res = mustParse(sip('SIP/2.0 486 Busy Here', ...BASE_HEADERS, 'Content-Length: 0', '', ''));
    expect(res).toBeInstanceOf(SipResponse);
    expect([(res as SipResponse).status, (res as SipResponse).reason]).toEqual([486, 'Busy Here']);
  });

  it('ignores CRLFs before the start line (RFC 3261 §7.5)', () => {
    const m = mustParse(Buffer.concat([Buffer.from('\r\n\r\n'), options('Content-Length: 0')]));
    expect(m.toBuffer().equals(options('Content-Length: 0'))).toBe(true);
  });

  it('over UDP truncates a body longer than Content-Length and reads to the end without one', () => {
    const data = Buffer.concat([options('Content-Type: text/plain', 'Content-Length: 5'), Buffer.from('hello, extra bytes')]);
    const m = mustParse(data);
    expect(m.body.toString()).toBe('hello');
    expect(m.toBuffer().toString().endsWith('\r\n\r\nhello')).toBe(true);
    const rest = mustParse(Buffer.concat([options('Content-Type: text/plain'), Buffer.from('all of it')]));
    expect(rest.body.toString()).toBe('all of it');
  });

  it('over UDP refuses a body shorter than Content-Length (400)', () => {
    const r = parseMessage(Buffer.concat([options('Content-Length: 50'), Buffer.from('short')]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.error.status]).toEqual(['body-too-short', 400]);
    expect(r.error.context?.callId).toBe('3848276298220188511@192.0.2.1');
  });

  it('on a stream requires Content-Length and exact framing', () => {
    const r = parseMessage(options(), { transport: 'stream' });
    expect(!r.ok && r.error.code).toBe('missing-content-length');
    expect(parseMessage(options('Content-Length: 0'), { transport: 'stream' }).ok).toBe(true);
  });

  it('answers a bad version with 505, an unknown scheme with 416, a missing header with 400', () => {
    const v = parseMessage(sip('OPTIONS sip:bob@example.com SIP/3.0', ...BASE_HEADERS, '', ''));
    expect(!v.ok && [v.error.code, v.error.status]).toEqual(['bad-version', 505]);
    const s = parseMessage(sip('OPTIONS http://example.com/ SIP/2.0', ...BASE_HEADERS, '', ''));
    expect(!s.ok && [s.error.code, s.error.status]).toEqual(['unsupported-uri-scheme', 416]);
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
      const lines = BASE_HEADERS.filter((h) => !h.startsWith(`${name}:`));
      const r = parseMessage(sip('OPTIONS sip:bob@example.com SIP/2.0', ...lines, '', ''));
      expect(!r.ok && [r.error.code, r.error.reason], name).toEqual(['missing-header', `Missing ${name} header`]);
    }
  });

  it('names the fault in the reason and keeps what a 400 needs', () => {
    const r = parseMessage(options('CSeq: 2 OPTIONS'));
    expect(!r.ok && r.error.reason).toBe('Multiple CSeq headers');
    const bad = parseMessage(sip('INVITE sip:bob@example.com SIP/2.0', ...BASE_HEADERS, '', ''));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.reason).toBe('Bad CSeq header: method does not match request line');
    expect(bad.error.context?.method).toBe('INVITE');
    expect(bad.error.context?.from?.params.get('tag')).toBe('9fxced76sl');
    expect(bad.error.context?.copyHeaders.map((h) => h.key)).toEqual(['via', 'from', 'to', 'call-id', 'cseq']);
  });

  it('refuses malformed start lines and header lines', () => {
    for (const data of [
      sip('OPTIONS  sip:bob@example.com SIP/2.0', ...BASE_HEADERS, '', ''),
      sip('OPTIONS sip:bob@example.com SIP/2.0 ', ...BASE_HEADERS, '', ''),
      sip('OPTIONS sip:bob@example.com', ...BASE_HEADERS, '', ''),
      sip('SIP/2.0 99 Too Low', ...BASE_HEADERS, '', ''),
      sip('SIP/2.0 2000 OK', ...BASE_HEADERS, '', ''),
      sip('OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS, 'No colon here', '', ''),
      sip('OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS, 'Bad Name: x', '', ''),
      sip('OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS, 'Max-Forwards: 256', '', ''),
      sip('OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS.slice(0, 5), 'CSeq: 2147483648 OPTIONS', '', ''),
      Buffer.from('OPTIONS sip:bob@example.com SIP/2.0\r\nVia: x'),
      Buffer.alloc(0),
      Buffer.from('\r\n\r\n'),
    ]) {
      const r = parseMessage(data);
      expect(r.ok, data.toString().slice(0, 60)).toBe(false);
    }
  });

  it('keeps bytes that are not UTF-8 as they came', () => {
    const data = Buffer.concat([Buffer.from('OPTIONS sip:bob@example.com SIP/2.0\r\nX-Bin: '), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(`\r\n${BASE_HEADERS.join('\r\n')}\r\n\r\n`)]);
    const m = mustParse(data);
    expect(m.headEncoding).toBe('latin1');
    m.appendHeader('X-New', 'y');
    const out = m.toBuffer();
    expect(out.includes(Buffer.from([0xff, 0xfe, 0x41]))).toBe(true);
  });
});

describe('serialization (RFC 3261 §7, §20.14)', () => {
  it('reuses the received bytes while unmodified', () => {
    const data = options('Content-Length: 0');
    const m = mustParse(data);
    expect(m.raw).toBeDefined();
    expect(m.toBuffer()).toBe(m.raw);
  });

  it('re-renders a modified header and keeps Content-Length equal to the body', () => {
    const m = mustParse(options('Content-Type: text/plain', 'Content-Length: 5', '', 'hello').subarray(0, -2));
    expect(m.body.toString()).toBe('hello');
    m.setBody('hello, world', 'text/plain;charset=UTF-8');
    expect(m.raw).toBeUndefined();
    const again = mustParse(m.toBuffer());
    expect(again.body.toString()).toBe('hello, world');
    expect(again.contentLength).toBe(12);
    expect(again.contentType?.params.get('charset')).toBe('UTF-8');
    m.setBody('');
    const empty = mustParse(m.toBuffer());
    expect(empty.contentLength).toBe(0);
    expect(empty.contentType).toBeUndefined();
  });

  it('adds Content-Length when the received message had none', () => {
    const m = mustParse(options());
    m.setHeader('Subject', 'x');
    expect(m.toBuffer().toString()).toMatch(/Content-Length: 0\r\n\r\n$/);
  });

  it('writes compact names in their long form when set', () => {
    const m = mustParse(options());
    m.setHeader('i', 'new-call-id');
    expect(m.callId).toBe('new-call-id');
    expect(m.toBuffer().toString()).toContain('Call-ID: new-call-id\r\n');
  });
});
