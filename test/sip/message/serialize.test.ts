import { describe, expect, it } from 'vitest';
import { parseMessage, viaWithParam } from '../../../main/sip/message';
import { mustParse, sip } from './helpers';

const HEADERS = [
  'Via:   SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9;rport ,SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1',
  'v: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK0ld',
  'Max-Forwards:70',
  'From: Alice <sip:alice@example.com>;tag=9fxced76sl',
  'To:  Bob   <sip:bob@example.com>',
  'Call-ID: 3848276298220188511@192.0.2.1',
  'X-Odd :  kept   as is',
  'CSeq: 1 MESSAGE',
];

describe('serializing a changed message (RFC 3261 §7, §18.2.1)', () => {
  it('stamps the top Via entry and copies every other line byte for byte', () => {
    const data = sip('MESSAGE sip:bob@example.com SIP/2.0', ...HEADERS, 'Content-Length:  5', '', 'hello');
    const msg = mustParse(data);
    const top = msg.via[0]!;
    msg.setTopVia(viaWithParam(viaWithParam(top, 'received', '198.51.100.7'), 'rport', '40000'));
    expect(msg.raw).toBeUndefined();
    expect(msg.via.map((v) => [v.host, v.received, v.rport])).toEqual([
      ['192.0.2.1', '198.51.100.7', 40000],
      ['proxy.example.com', undefined, undefined],
      ['192.0.2.9', undefined, undefined],
    ]);
    const out = msg.toBuffer().toString('latin1');
    expect(out).toBe(
      [
        'MESSAGE sip:bob@example.com SIP/2.0',
        'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9;rport=40000;received=198.51.100.7',
        // the other entries of the first line move to a line of their own, unchanged
        'Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1',
        ...HEADERS.slice(1),
        'Content-Length: 5',
        '',
        'hello',
      ].join('\r\n'),
    );
    const again = mustParse(Buffer.from(out, 'latin1'));
    expect(again.via.map((v) => v.branch)).toEqual(['z9hG4bK74bf9', 'z9hG4bKp1', 'z9hG4bK0ld']);
    expect(again.getHeader('x-odd')).toBe('kept   as is');
  });

  it('keeps a UTF-8 header block intact when a line changes', () => {
    const data = sip('MESSAGE sip:bob@example.com SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKu8', 'From: "Zoë Ångström" <sip:zoe@example.com>;tag=1', 'To: <sip:bob@example.com>', 'Call-ID: u8@192.0.2.1', 'CSeq: 2 MESSAGE', 'Subject: café', 'Content-Length: 0', '', '');
    const msg = mustParse(data);
    msg.setTopVia(viaWithParam(msg.via[0]!, 'received', '198.51.100.7'));
    const out = msg.toBuffer();
    expect(out.toString('utf8')).toContain('From: "Zoë Ångström" <sip:zoe@example.com>;tag=1\r\nTo:');
    const again = mustParse(out);
    expect(again.from.displayName).toBe('Zoë Ångström');
    expect(again.getHeader('Subject')).toBe('café');
    expect(again.via[0]!.received).toBe('198.51.100.7');
  });

  it('renders set lines and Content-Length from the body when the body changes', () => {
    const msg = mustParse(sip('MESSAGE sip:bob@example.com SIP/2.0', ...HEADERS, 'Content-Type: text/plain', 'Content-Length: 5', '', 'hello'));
    msg.setHeader('Subject', 'news');
    msg.setBody('hello, world', 'text/plain');
    const r = parseMessage(msg.toBuffer());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.body.toString()).toBe('hello, world');
    expect(r.value.contentLength).toBe(12);
    expect(r.value.getHeader('subject')).toBe('news');
    expect(r.value.getHeaders('via')).toHaveLength(3);
  });

  it('reads lazily parsed lines the same as before any change', () => {
    const msg = mustParse(sip('MESSAGE sip:bob@example.com SIP/2.0', ...HEADERS, 'Subject: a,', '  folded line', 'Content-Length: 0', '', ''));
    expect(msg.getHeader('subject')).toBe('a, folded line');
    expect(msg.headerFields.map((f) => f.name)).toEqual(['Via', 'v', 'Max-Forwards', 'From', 'To', 'Call-ID', 'X-Odd', 'CSeq', 'Subject', 'Content-Length']);
    expect(msg.headerFields[6]!.raw).toBe('X-Odd :  kept   as is');
  });
});
