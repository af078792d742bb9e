import { describe, expect, it } from 'vitest';
import { contactExpires, contactQ, contactRegId, HEADERS, headerKey, isListHeader, parseMessage, splitList } from '../../../main/sip/message';
import { mustParse, options, sip } from './helpers';

describe('header lines (RFC 3261 §7.3)', () => {
  it('matches names case-insensitively and compact forms as their long names', () => {
    const m = mustParse(
      sip(
        'OPTIONS sip:bob@example.com SIP/2.0',
        'v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa',
        'f: <sip:alice@example.com>;tag=1',
        't: <sip:bob@example.com>',
        'i: abc@192.0.2.1',
        'CSEQ: 1 OPTIONS',
        'm: <sip:alice@192.0.2.1>',
        'c: text/plain',
        'k: path, outbound',
        'o: presence',
        'u: presence, dialog',
        'r: <sip:carol@example.com>',
        'b: <sip:alice@example.com>',
        'x: 1800',
        'e: gzip',
        's: hello',
        'y: abc',
        'l: 2',
        '',
        'hi',
      ),
    );
    expect(m.via[0]?.branch).toBe('z9hG4bKa');
    expect(m.callId).toBe('abc@192.0.2.1');
    expect(m.contentType?.subtype).toBe('plain');
    expect(m.supported).toEqual(['path', 'outbound']);
    expect(m.event?.value).toBe('presence');
    expect(m.allowEvents).toEqual(['presence', 'dialog']);
    expect(m.referTo?.uri.user).toBe('carol');
    expect(m.referredBy?.uri.user).toBe('alice');
    expect(m.getHeader('Session-Expires')).toBe('1800');
    expect(m.getHeader('content-encoding')).toBe('gzip');
    expect(m.subject).toBe('hello');
    expect(m.getHeader('Identity')).toBe('abc');
    expect(m.getHeader('CONTENT-LENGTH')).toBe('2');
    expect(headerKey('I')).toBe('call-id');
    expect(m.body.toString()).toBe('hi');
  });

  it('unfolds continuation lines to one space (RFC 3261 §7.3.1)', () => {
    const m = mustParse(options('Subject: I know you\'re there,', '   pick up the phone', '\t and talk to me!'));
    expect(m.subject).toBe("I know you're there, pick up the phone and talk to me!");
    const v = mustParse(sip('OPTIONS sip:bob@example.com SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1', ' ;branch=z9hG4bKx', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>', 'Call-ID: x', 'CSeq: 1 OPTIONS', '', ''));
    expect(v.via[0]?.branch).toBe('z9hG4bKx');
  });

  it('splits list headers at commas outside quotes and <>, and combines repeated lines', () => {
    const m = mustParse(
      options(
        'Contact: "Doe, John" <sip:john@192.0.2.2;x=a>;q=0.7, <sip:john@192.0.2.3>;expires=60',
        'Contact: sip:john@192.0.2.4',
        'Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>',
        'Record-Route: <sip:p3.example.com;lr>',
        'Allow: INVITE, ACK',
        'Allow: BYE',
      ),
    );
    expect(m.contact.map((c) => c.uri.host)).toEqual(['192.0.2.2', '192.0.2.3', '192.0.2.4']);
    expect(m.contact[0]?.displayName).toBe('Doe, John');
    expect(m.contact[0]?.params.get('q')).toBe('0.7');
    expect(m.contact[1]?.params.get('expires')).toBe('60');
    expect(m.route.map((r) => r.uri.host)).toEqual(['p1.example.com', 'p2.example.com']);
    expect(m.recordRoute[0]?.uri.params.has('lr')).toBe(true);
    expect(m.allow).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(m.getHeaders('allow')).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(splitList('a, "b,c" , <d,e>, ,f')).toEqual(['a', '"b,c"', '<d,e>', 'f']);
  });

  it('does not split headers that are not lists (WWW-Authenticate, Authorization, Date)', () => {
    const m = mustParse(
      options(
        'Authorization: Digest username="alice", realm="atlanta.example.com", nonce="84a4cc6f3082121f32b42a2187831a9e", uri="sip:bob@example.com", response="7587245234b3434cc3412213e5f113a5432", qop=auth, nc=00000001, cnonce="0a4f113b"',
        'WWW-Authenticate: Digest realm="a, b", nonce="x", algorithm=SHA-256',
        'WWW-Authenticate: Digest realm="a, b", nonce="x", algorithm=MD5',
        'Date: Sat, 13 Nov 2010 23:29:00 GMT',
      ),
    );
    expect(isListHeader('authorization')).toBe(false);
    expect(m.getHeaders('Date')).toEqual(['Sat, 13 Nov 2010 23:29:00 GMT']);
    const auth = m.authorization?.[0];
    expect(auth?.scheme).toBe('Digest');
    expect(auth?.params.get('username')).toBe('alice');
    expect(auth?.params.get('qop')).toBe('auth');
    expect(auth?.params.get('nc')).toBe('00000001');
    expect(m.wwwAuthenticate?.map((c) => [c.params.get('realm'), c.params.get('algorithm')])).toEqual([
      ['a, b', 'SHA-256'],
      ['a, b', 'MD5'],
    ]);
  });

  it('keeps unknown headers exactly as they came, in order, and serializes them back', () => {
    const data = options('X-Custom:  keep   this ,as, it is ', 'x-lower: 1', 'X-Custom: second');
    const m = mustParse(data);
    expect(m.headerFields.map((f) => f.name).slice(-3)).toEqual(['X-Custom', 'x-lower', 'X-Custom']);
    expect(m.getHeaders('x-custom')).toEqual(['keep   this ,as, it is', 'second']);
    m.setHeader('Max-Forwards', 69);
    const out = m.toBuffer().toString();
    expect(out).toContain('X-Custom:  keep   this ,as, it is \r\nx-lower: 1\r\nX-Custom: second\r\n');
    expect(out).toContain('Max-Forwards: 69\r\n');
  });

  it('parses the lazy headers on first use and reports bad ones as typed errors', () => {
    const m = mustParse(options('Expires: abc', 'Min-Expires: 60', 'Subscription-State: active;expires=599', 'Authentication-Info: nextnonce="47364c23432d2e131a5fb210812c"'));
    expect(m.expires).toBeUndefined();
    const bad = m.parsed(HEADERS.expires);
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error.reason).toBe('Bad Expires header: not a number of seconds');
    expect(m.minExpires).toBe(60);
    expect(m.subscriptionState?.params.get('expires')).toBe('599');
    expect(m.authenticationInfo?.get('nextnonce')).toBe('47364c23432d2e131a5fb210812c');
    expect(m.parsed(HEADERS.require)).toBeUndefined();
  });

  it('reads Via parameters: branch, received, rport with and without value, maddr, ttl', () => {
    const m = mustParse(options('Via: SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bKb;received=192.0.2.9;rport=5071;maddr=224.0.1.75;ttl=16', 'Via: sip / 2.0 / udp host.example.com ; rport ; branch=z9hG4bKc'));
    const [a, b, c] = m.via;
    expect(a?.branch).toBe('z9hG4bK74bf9');
    expect([b?.transport, b?.host, b?.port, b?.branch, b?.received, b?.rport, b?.maddr, b?.ttl]).toEqual(['TCP', '[2001:db8::1]', 5070, 'z9hG4bKb', '192.0.2.9', 5071, '224.0.1.75', 16]);
    expect([c?.protocol, c?.transport, c?.rport, c?.branch]).toEqual(['SIP/2.0', 'UDP', null, 'z9hG4bKc']);
    for (const bad of ['Via: SIP/2.0/UDP host;ttl=256', 'Via: SIP/2.0/UDP host;rport=x', 'Via: SIP/2.0/UDP host;received=host.example.com', 'Via: SIP/2.0/UDP', 'Via: SIP/2.0 host', 'Via: SIP/2.0/UDP host;branch']) {
      const r = parseMessage(options(bad));
      expect(!r.ok && r.error.header, bad).toBe('via');
    }
  });

  it('reads Contact "*" and refuses it mixed with addresses', () => {
    const star = mustParse(sip('REGISTER sip:example.com SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:a@example.com>;tag=1', 'To: <sip:a@example.com>', 'Call-ID: r', 'CSeq: 2 REGISTER', 'Contact: *', 'Expires: 0', '', ''));
    expect(star.contactWildcard).toBe(true);
    expect(star.contact).toEqual([]);
    expect(star.expires).toBe(0);
    expect(parseMessage(options('Contact: *', 'Contact: <sip:a@b.com>')).ok).toBe(false);
  });
});

describe('Contact parameters (RFC 3261 §20.10, RFC 5626 §4.2)', () => {
  it('reads expires, q and reg-id as numbers, and refuses malformed ones', () => {
    const m = mustParse(options('Contact: <sip:a@192.0.2.1;ob>;expires=3600;q=0.7;reg-id=1, <sip:b@192.0.2.2>;expires=99999999999;q=1.5, <sip:c@192.0.2.3>;expires=soon;q=1'));
    const [a, b, c] = m.contact;
    if (!a || !b || !c) throw new Error('three contacts expected');
    expect([contactExpires(a), contactQ(a), contactRegId(a)]).toEqual([3600, 0.7, 1]);
    expect([contactExpires(b), contactQ(b), contactRegId(b)]).toEqual([2 ** 32 - 1, undefined, undefined]);
    expect([contactExpires(c), contactQ(c)]).toEqual([undefined, 1]);
  });
});
