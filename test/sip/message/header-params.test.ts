import { describe, expect, it } from 'vitest';
import { parseMessage, parseNameAddr } from '../../../main/sip/message';

function message(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

const BASE = [
  'OPTIONS sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1',
  'To: <sip:bob@example.com>',
  'Call-ID: params-1@192.0.2.1',
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
];

describe('header parameters of received addresses (RFC 3261 §7.3.1, §25.1)', () => {
  it('reads names in any case, values quoted or not, whitespace around ";" and "=", the last of a repeated name', () => {
    const r = parseMessage(message([...BASE, 'From: <sip:alice@example.com> ; TAG = abc ;Foo="a;b, c";lr;foo=last', 'Contact: <sip:a@192.0.2.1>;Expires=60;q=0.5']));
    if (!r.ok) throw new Error(r.error.reason);
    const from = r.value.from;
    expect([...from.params]).toEqual([
      ['tag', 'abc'],
      ['foo', 'last'],
      ['lr', null],
    ]);
    expect(from.params.size).toBe(3);
    expect(from.params.get('tag')).toBe('abc');
    expect(r.value.contact[0]?.params.get('expires')).toBe('60');
    expect(r.value.contact[0]?.params.get('q')).toBe('0.5');
    // the same parameters as a name-addr parsed on its own
    const alone = parseNameAddr('<sip:alice@example.com> ; TAG = abc ;Foo="a;b, c";lr;foo=last');
    if (!alone.ok) throw new Error(alone.error.reason);
    expect(from).toEqual(alone.value);
  });

  it('has no parameters when none follow the address', () => {
    const r = parseMessage(message([...BASE, 'From: <sip:alice@example.com>  ']));
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.from.params.size).toBe(0);
    expect(r.value.from.params.get('tag')).toBeUndefined();
  });

  it.each([
    ['an empty name', 'From: <sip:alice@example.com>;=x'],
    ['an empty value', 'From: <sip:alice@example.com>;tag='],
    ['an unclosed quoted value', 'From: <sip:alice@example.com>;tag="abc'],
    ['a character outside the grammar', 'From: <sip:alice@example.com>;tag=a{b'],
  ])('rejects %s with 400 when the message is parsed', (_what, line) => {
    const r = parseMessage(message([...BASE, line]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(400);
    expect(r.error.reason).toMatch(/^Bad From header: (bad parameter|trailing characters)$/);
  });

  it('reads a Content-Type parameter', () => {
    const r = parseMessage(message([...BASE.slice(0, -1), 'From: <sip:alice@example.com>;tag=1', 'Content-Type: text/plain ; Charset=UTF-8', 'Content-Length: 0']));
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.contentType?.params.get('charset')).toBe('UTF-8');
  });
});
