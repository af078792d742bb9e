import { describe, expect, it } from 'vitest';
import {
  BRANCH_MAGIC_COOKIE,
  createRequest,
  createResponse,
  createVia,
  formatNameAddr,
  formatVia,
  generateBranch,
  generateCallId,
  generateTag,
  parseMessage,
  reasonPhrase,
  SipBuildError,
  viaWithParam,
  type SipRequest,
} from '../../../main/sip/message';
import { mustParse, sip } from './helpers';

function invite(): SipRequest {
  return createRequest('INVITE', 'sip:bob@example.com', [
    ['Via', formatVia(createVia({ transport: 'udp', host: '192.0.2.1', port: 5060, branch: 'z9hG4bKnashds8', rport: true }))],
    ['From', 'Alice <sip:alice@example.com>;tag=1928301774'],
    ['To', 'Bob <sip:bob@example.com>'],
    ['Call-ID', 'a84b4c76e66710@pc33.example.com'],
    ['CSeq', '314159 INVITE'],
    ['Contact', '<sip:alice@192.0.2.1:5060>'],
    ['Record-Route', '<sip:p1.example.com;lr>'],
  ], { data: 'v=0\r\n', contentType: 'application/sdp' });
}

describe('identifiers (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3)', () => {
  it('makes branches with the magic cookie, and unique tags and Call-IDs', () => {
    const branches = new Set(Array.from({ length: 1000 }, generateBranch));
    expect(branches.size).toBe(1000);
    for (const b of branches) expect(b.startsWith(BRANCH_MAGIC_COOKIE)).toBe(true);
    expect(generateTag()).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(generateCallId('host.example.com')).toMatch(/^[A-Za-z0-9_-]{16,}@host\.example\.com$/);
    expect(generateCallId()).not.toContain('@');
  });
});

describe('createRequest (RFC 3261 §8.1.1)', () => {
  it('builds a request that serializes and parses back', () => {
    const req = invite();
    expect(req.maxForwards).toBe(70);
    expect(req.via[0]?.rport).toBeNull();
    const back = mustParse(req.toBuffer()) as SipRequest;
    expect(back.method).toBe('INVITE');
    expect(back.uri.user).toBe('bob');
    expect(back.contentLength).toBe(5);
    expect(back.contentType?.subtype).toBe('sdp');
    expect(back.fromTag).toBe('1928301774');
    expect(back.getHeader('Max-Forwards')).toBe('70');
  });

  it('refuses missing or inconsistent mandatory headers and bad values', () => {
    expect(() => createRequest('INVITE', 'sip:b@example.com', [['From', '<sip:a@example.com>;tag=1'], ['To', '<sip:b@example.com>'], ['Call-ID', 'x']])).toThrow(SipBuildError);
    expect(() => createRequest('INVITE', 'sip:b@example.com', [['From', '<sip:a@example.com>;tag=1'], ['To', '<sip:b@example.com>'], ['Call-ID', 'x'], ['CSeq', '1 BYE']])).toThrow(/method/);
    expect(() => createRequest('INVITE', 'not a uri', [])).toThrow(SipBuildError);
    expect(() => createRequest('INVITE', 'sip:b@example.com', [['From', 'broken <']])).toThrow(SipBuildError);
    expect(() => createRequest('BAD METHOD', 'sip:b@example.com', [])).toThrow(SipBuildError);
  });
});

describe('createResponse (RFC 3261 §8.2.6)', () => {
  it('copies Via, From, To, Call-ID and CSeq, adds the To tag, and Record-Route when asked', () => {
    const req = mustParse(invite().toBuffer()) as SipRequest;
    const ok = createResponse(req, 200, { toTag: 'a6c85cf', recordRoute: true, headers: [['Contact', '<sip:bob@192.0.2.4>']] });
    expect([ok.status, ok.reason]).toEqual([200, 'OK']);
    expect(ok.via).toEqual(req.via);
    expect(ok.from).toEqual(req.from);
    expect(ok.callId).toBe(req.callId);
    expect(ok.cseq).toEqual(req.cseq);
    expect(ok.toTag).toBe('a6c85cf');
    expect(ok.recordRoute[0]?.uri.host).toBe('p1.example.com');
    const back = mustParse(ok.toBuffer());
    expect(back.toTag).toBe('a6c85cf');
    expect(back.contact[0]?.uri.host).toBe('192.0.2.4');
    expect(back.contentLength).toBe(0);
  });

  it('gives a 100 no To tag and copies Timestamp (§8.2.6.1); other responses drop Record-Route unless asked', () => {
    const data = sip('INVITE sip:bob@example.com SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>', 'Call-ID: c', 'CSeq: 1 INVITE', 'Timestamp: 54', 'Record-Route: <sip:p.example.com;lr>', '', '');
    const req = mustParse(data) as SipRequest;
    const trying = createResponse(req, 100, { toTag: 'x' });
    expect(trying.toTag).toBeUndefined();
    expect(trying.getHeader('Timestamp')).toBe('54');
    expect(trying.recordRoute).toEqual([]);
    const busy = createResponse(req, 486, { toTag: 'x', reason: 'Busy Here Now' });
    expect(busy.reason).toBe('Busy Here Now');
    expect(busy.getHeader('Timestamp')).toBeUndefined();
    expect(reasonPhrase(416)).toBe('Unsupported URI Scheme');
    expect(reasonPhrase(499)).toBe('Bad Request');
  });

  it('keeps an existing To tag', () => {
    const data = sip('BYE sip:bob@example.com SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>;tag=2', 'Call-ID: c', 'CSeq: 2 BYE', '', '');
    expect(createResponse(mustParse(data) as SipRequest, 200, { toTag: 'other' }).toTag).toBe('2');
  });
});

describe('header editing on a message', () => {
  it('gets, sets, appends, prepends and removes, keeping the eager headers in step', () => {
    const req = invite();
    const top = req.via[0];
    if (!top) throw new Error('no Via');
    req.prependHeader('Via', formatVia(createVia({ transport: 'TCP', host: 'proxy.example.com', branch: generateBranch() })));
    expect(req.via.map((v) => v.host)).toEqual(['proxy.example.com', '192.0.2.1']);
    req.setHeader('Via', [formatVia(viaWithParam(top, 'received', '198.51.100.7'))]);
    expect(req.via.map((v) => v.received)).toEqual(['198.51.100.7']);
    req.appendHeader('Route', '<sip:p2.example.com;lr>');
    req.appendHeader('Route', '<sip:p3.example.com;lr>');
    expect(req.route.map((r) => r.uri.host)).toEqual(['p2.example.com', 'p3.example.com']);
    expect(req.removeHeader('route')).toBe(2);
    expect(req.route).toEqual([]);
    expect(req.hasHeader('Route')).toBe(false);
    req.setHeader('To', formatNameAddr({ uri: req.to.uri, params: new Map([['tag', 'zz']]) }));
    expect(req.toTag).toBe('zz');
    expect(() => req.setHeader('CSeq', 'one INVITE')).toThrow(SipBuildError);
    expect(req.cseq.seq).toBe(314159);
    expect(() => req.setHeader('X-Evil', 'a\r\nInjected: yes')).toThrow(SipBuildError);
    const back = parseMessage(req.toBuffer());
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.value.via[0]?.received).toBe('198.51.100.7');
      expect(back.value.toTag).toBe('zz');
      expect(back.value.body.toString()).toBe('v=0\r\n');
    }
  });

  it('replaces the Request-URI', () => {
    const req = invite();
    req.setUri({ scheme: 'sip', user: 'carol', host: 'chicago.example.com', params: new Map(), headers: new Map() });
    expect((mustParse(req.toBuffer()) as SipRequest).uriText).toBe('sip:carol@chicago.example.com');
  });
});
