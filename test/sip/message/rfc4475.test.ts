/**
 * RFC 4475 (SIP torture test messages): every message of the RFC, byte for byte from the
 * archive in its appendix, through the parser, against the RFC's verdict.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SipResponse} from '../../../main/sip/message';
import { createErrorResponse, parseMessage, SipRequest, type SipMessage, type SipParseErrorCode } from '../../../main/sip/message';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/rfc4475');

function load(name: string): Buffer {
  return fs.readFileSync(path.join(DIR, `${name}.dat`));
}

function parsed(name: string): SipMessage {
  const r = parseMessage(load(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.reason}`);
  return r.value;
}

function request(name: string): SipRequest {
  const m = parsed(name);
  expect(m).toBeInstanceOf(SipRequest);
  return m as SipRequest;
}

describe('RFC 4475 §3.1.1 valid messages', () => {
  it('§3.1.1.1 wsinv: a short tortuous INVITE', () => {
    const m = request('wsinv');
    expect(m.method).toBe('INVITE');
    expect(m.uri.user).toBe('vivekg');
    expect(m.uri.host).toBe('chair-dnrc.example.com');
    expect(m.uri.params.get('unknownparam')).toBeNull();
    expect(m.to.displayName).toBeUndefined();
    expect(m.to.uri.user).toBe('vivekg');
    expect(m.to.params.get('tag')).toBe('1918181833n');
    expect(m.from.displayName).toBe('J Rosenberg \\"');
    expect(m.from.params.get('tag')).toBe('98asjd8');
    expect(m.maxForwards).toBe(68);
    expect(m.callId).toBe('wsinv.ndaksdj@192.0.2.1');
    expect(m.contentLength).toBe(150);
    expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(m.via.map((v) => [v.transport, v.host, v.branch])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(m.via[0]?.params.get('received')).toBeUndefined();
    expect(m.getHeader('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(m.getHeader('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    expect(m.contentType).toMatchObject({ type: 'application', subtype: 'sdp' });
    expect(m.contact[0]?.displayName).toBe('Quoted string ""');
    expect(m.contact[0]?.params.get('q')).toBe('0.33');
    expect(m.route[0]?.uri.params.has('lr')).toBe(true);
    expect(m.getHeader('s')).toBe('');
    expect(m.body.length).toBe(150);
  });

  it('§3.1.1.2 intmeth: wide range of valid characters', () => {
    const m = request('intmeth');
    expect(m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(m.cseq.method).toBe(m.method);
    expect(m.uri.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(m.uri.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    expect(m.to.displayName).toBe('BEL:\x07 NUL:\x00 DEL:\x7f');
    expect(m.from.displayName).toBe("token1~` token2'+_ token3*%!.-");
    expect(m.from.params.get('tag')).toBe("_token~1'+`*%!-.");
    expect(m.callId).toBe("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    expect(m.via[0]?.branch).toBe("z9hG4bK-.!%66*_+`'~");
    expect(m.getHeader("extensionHeader-!.%*+_`'~")).toBe('\uFEFF大停電');
  });

  it('§3.1.1.3 esc01: escaped characters in the Request-URI user part', () => {
    const m = request('esc01');
    expect(m.uri.user).toBe('sips:user@example.com');
    expect(m.to.uri.user).toBe('user');
    expect(m.from.uri.user).toBe('I have spaces');
    expect(m.contact[0]?.uri.user).toBe('caller');
    // escaped parameter names are the same names (RFC 3261 §19.1.4)
    expect(m.contact[0]?.uri.params.has('lr')).toBe(true);
    expect(m.contact[0]?.uri.params.get('name')).toBe('v%61lue%25%34%31');
  });

  it('§3.1.1.4 escnull: an escaped NUL in a URI', () => {
    const m = request('escnull');
    expect(m.to.uri.user).toBe('null-\x00-null');
    expect(m.from.uri.user).toBe('null-\x00-null');
    expect(m.contact.map((c) => c.uri.user)).toEqual(['\x00', '\x00\x00']);
  });

  it('§3.1.1.5 esc02: an escaped method and escaped characters in headers, not equivalent', () => {
    const m = request('esc02');
    // RE%47IST%45R is a method of its own (a token), not REGISTER: the UA answers 501/405
    expect(m.method).toBe('RE%47IST%45R');
    expect(m.cseq.method).toBe('RE%47IST%45R');
    expect(m.from.displayName).toBe('%Z%45');
    expect(m.via[0]?.branch).toBe('z9hG4bK209%fzsnel234');
    // C%6Fntact is an unknown header, not Contact
    expect(m.contact.map((c) => c.uri.user)).toEqual(['alias1', 'alias3']);
    expect(m.getHeader('C%6Fntact')).toBe('<sip:alias2@host2.example.com>');
  });

  it('§3.1.1.6 lwsdisp: LWS between display name and <', () => {
    const m = request('lwsdisp');
    expect(m.from.displayName).toBe('caller');
    expect(m.from.params.get('tag')).toBe('323');
  });

  it('§3.1.1.7 longreq: long values everywhere', () => {
    const m = request('longreq');
    expect(m.via.length).toBe(34);
    expect(m.to.displayName?.length).toBeGreaterThan(100);
    expect(m.from.params.get('tag')?.length).toBeGreaterThan(100);
    expect(m.body.length).toBe(m.contentLength);
    expect(m.toBuffer().equals(load('longreq'))).toBe(true);
  });

  it('§3.1.1.8 dblreq: two requests in one datagram; the second is discarded (RFC 3261 §18.3)', () => {
    const m = request('dblreq');
    expect(m.method).toBe('REGISTER');
    expect(m.contentLength).toBe(0);
    expect(m.body.length).toBe(0);
    expect(m.toBuffer().toString('latin1')).not.toContain('INVITE');
  });

  it('§3.1.1.9 semiuri: a semicolon-separated parameter in the user part', () => {
    const m = request('semiuri');
    expect(m.uri.user).toBe('user;par=u@example.net');
    expect(m.uri.host).toBe('example.com');
    expect(m.uri.params.size).toBe(0);
  });

  it('§3.1.1.10 transports: unknown and known transports in Via', () => {
    const m = request('transports');
    expect(m.via.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
  });

  it('§3.1.1.11 mpart01: a multipart MIME body, binary, kept byte for byte', () => {
    const m = request('mpart01');
    expect(m.contentType?.type).toBe('multipart');
    expect(m.contentType?.subtype).toBe('mixed');
    expect(m.contentType?.params.get('boundary')).toBe('7a9cbec02ceef655');
    expect(m.body.length).toBe(m.contentLength);
    const raw = load('mpart01');
    expect(raw.subarray(raw.length - m.body.length).equals(m.body)).toBe(true);
  });

  it('§3.1.1.12 unreason: a reason phrase in UTF-8', () => {
    const m = parsed('unreason') as SipResponse;
    expect(m.status).toBe(200);
    expect(m.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое');
  });

  it('§3.1.1.13 noreason: an empty reason phrase', () => {
    const m = parsed('noreason') as SipResponse;
    expect(m.status).toBe(100);
    expect(m.reason).toBe('');
  });

  it('valid messages serialize back to their bytes, and re-render equal when modified', () => {
    for (const name of ['wsinv', 'intmeth', 'esc01', 'escnull', 'esc02', 'lwsdisp', 'longreq', 'semiuri', 'transports', 'mpart01', 'unreason', 'noreason']) {
      const raw = load(name);
      const m = parsed(name);
      expect(m.toBuffer().equals(raw), name).toBe(true);
      m.appendHeader('X-Touched', '1');
      const again = parseMessage(m.toBuffer());
      expect(again.ok, name).toBe(true);
      if (!again.ok) continue;
      expect(again.value.callId).toBe(m.callId);
      expect(again.value.via).toEqual(m.via);
      expect(again.value.body.equals(m.body)).toBe(true);
      expect(again.value.getHeader('x-touched')).toBe('1');
    }
  });
});

/** What the RFC says a UA does with each invalid message, as our error code and status. */
const INVALID: [name: string, section: string, code: SipParseErrorCode, status: number, reason: RegExp][] = [
  ['badinv01', '3.1.2.1 extraneous header field separators', 'bad-header', 400, /Via/],
  ['clerr', '3.1.2.2 Content-Length larger than message', 'body-too-short', 400, /Content-Length/],
  ['ncl', '3.1.2.3 negative Content-Length', 'bad-content-length', 400, /Content-Length/],
  ['scalar02', '3.1.2.4 request scalar fields with overlarge values', 'bad-header', 400, /CSeq|Max-Forwards|Expires|Content-Length/],
  ['scalarlg', '3.1.2.5 response scalar fields with overlarge values', 'bad-header', 400, /CSeq|Max-Forwards|Expires/],
  ['quotbal', '3.1.2.6 unterminated quoted string in display name', 'bad-header', 400, /To|From/],
  ['ltgtruri', '3.1.2.7 <> enclosing Request-URI', 'bad-request-uri', 400, /Request-URI/],
  ['lwsruri', '3.1.2.8 malformed SIP Request-URI (embedded LWS)', 'bad-start-line', 400, /request line/],
  ['lwsstart', '3.1.2.9 multiple SP separating Request-Line elements', 'bad-start-line', 400, /request line/],
  ['trws', '3.1.2.10 SP characters at end of Request-Line', 'bad-start-line', 400, /request line/],
  ['escruri', '3.1.2.11 escaped headers in SIP Request-URI', 'bad-request-uri', 400, /headers are not allowed/],
  ['regbadct', '3.1.2.13 failure to enclose name-addr URI in <>', 'bad-header', 400, /Contact/],
  ['badaspec', '3.1.2.14 spaces within addr-spec', 'bad-header', 400, /To/],
  ['baddn', '3.1.2.15 non-token characters in display name', 'bad-header', 400, /From/],
  ['badvers', '3.1.2.16 unknown protocol version', 'bad-version', 505, /Version Not Supported/],
  ['mismatch01', '3.1.2.17 start line and CSeq method mismatch', 'bad-header', 400, /CSeq header: method does not match request line/],
  ['mismatch02', '3.1.2.18 unknown method with CSeq method mismatch', 'bad-header', 400, /CSeq header: method does not match request line/],
  ['bigcode', '3.1.2.19 overlarge response code', 'bad-start-line', 400, /status code/],
];

describe('RFC 4475 §3.1.2 invalid messages', () => {
  for (const [name, section, code, status, reason] of INVALID) {
    it(`§${section} (${name})`, () => {
      const r = parseMessage(load(name));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.status).toBe(status);
      expect(r.error.reason).toMatch(reason);
    });
  }

  it('§3.1.2.12 baddate: a Date not in GMT is accepted (the RFC allows a UA to ignore Date; the stack does not use it)', () => {
    const m = request('baddate');
    expect(m.getHeader('Date')).toBe('Fri, 01 Jan 2010 16:00:00 EST');
  });

  it('a malformed request carries what a 400 needs; a malformed response is only dropped', () => {
    const r = parseMessage(load('mismatch01'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const ctx = r.error.context;
    expect(ctx?.kind).toBe('request');
    expect(ctx?.method).toBe('OPTIONS');
    expect(ctx?.via.length).toBe(1);
    expect(ctx?.callId).toBe('mismatch01.dj0234sxdfl3');
    expect(ctx?.cseq).toEqual({ seq: 8, method: 'INVITE' });
    const answer = createErrorResponse(r.error, 'x1');
    expect(answer?.status).toBe(400);
    expect(answer?.reason).toBe('Bad CSeq header: method does not match request line');
    expect(answer?.callId).toBe('mismatch01.dj0234sxdfl3');
    expect(answer?.toTag).toBe('x1');
    expect(answer?.via[0]?.branch).toBe(ctx?.via[0]?.branch);
    const reparsed = parseMessage(answer!.toBuffer());
    expect(reparsed.ok && reparsed.value.kind).toBe('response');

    const big = parseMessage(load('bigcode'));
    expect(big.ok).toBe(false);
    if (!big.ok) expect(createErrorResponse(big.error)).toBeUndefined();
  });

  it('bad version answers 505 with the request headers copied', () => {
    const r = parseMessage(load('badvers'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const answer = createErrorResponse(r.error);
    expect(answer?.status).toBe(505);
    expect(answer?.reason).toBe('Version Not Supported');
    expect(answer?.callId).toBe('badvers.31417@c.example.com');
  });
});

describe('RFC 4475 §3.2–§3.4 transaction, application and compatibility messages', () => {
  it('§3.2.1 badbranch: a branch without the magic cookie parses (transaction layer matches the RFC 2543 way)', () => {
    expect(request('badbranch').via[0]?.branch).toBe('z9hG4bK');
  });

  it('§3.3.1 insuf: missing mandatory headers give 400', () => {
    const r = parseMessage(load('insuf'));
    expect(!r.ok && r.error.code).toBe('missing-header');
    expect(!r.ok && r.error.status).toBe(400);
  });

  it('§3.3.2 unkscm and §3.3.3 novelsc: unknown Request-URI schemes give 416', () => {
    for (const name of ['unkscm', 'novelsc']) {
      const r = parseMessage(load(name));
      expect(!r.ok && r.error.code, name).toBe('unsupported-uri-scheme');
      expect(!r.ok && r.error.status, name).toBe(416);
      if (!r.ok) expect(createErrorResponse(r.error)?.status).toBe(416);
    }
  });

  it('§3.3.4 unksm2: unknown schemes in To and Contact are fine', () => {
    const m = request('unksm2');
    expect(m.to.uri.scheme).toBe('isbn');
    expect(m.to.uri.opaque).toBe('2983792873');
  });

  it('§3.3.5 bext01, §3.3.6 invut, §3.3.7 regaut01: unknown extensions, content types and auth schemes parse', () => {
    const b = request('bext01');
    expect(b.require).toEqual(['nothingSupportsThis', 'nothingSupportsThisEither']);
    expect(b.proxyRequire).toEqual(['noProxiesSupportThis', 'norDoAnyProxiesSupportThis']);
    expect(request('invut').contentType).toMatchObject({ type: 'application', subtype: 'unknownformat' });
    expect(request('regaut01').authorization?.[0]?.scheme).toBe('NoOneKnowsThisScheme');
  });

  it('§3.3.8 multi01 and §3.3.9 mcl01: several values in single-value headers give 400', () => {
    for (const name of ['multi01', 'mcl01']) {
      const r = parseMessage(load(name));
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.status).toBe(400);
    }
  });

  it('§3.3.10 bcast, §3.3.11 zeromf, §3.3.12–14 cparam01, cparam02, regescrt', () => {
    const b = parsed('bcast') as SipResponse;
    expect(b.via.length).toBe(2);
    expect(request('zeromf').maxForwards).toBe(0);
    // a Contact parameter outside <> belongs to the header, inside to the URI
    expect(request('cparam01').contact[0]?.params.has('unknownparam')).toBe(true);
    expect(request('cparam02').contact[0]?.uri.params.has('unknownparam')).toBe(true);
    expect(request('regescrt').contact[0]?.uri.headers.get('route')).toBe('%3Csip:sip.example.com%3E');
  });

  it('§3.4.1 inv2543: an RFC 2543 INVITE parses', () => {
    const m = request('inv2543');
    expect(m.via[0]?.branch).toBeUndefined();
    expect(m.cseq.method).toBe('INVITE');
  });

  it('every message of the archive is covered', () => {
    expect(fs.readdirSync(DIR).filter((f) => f.endsWith('.dat')).length).toBe(49);
  });
});
