import { describe, expect, it } from 'vitest';
import { formatNameAddr, parseNameAddr, quote, unquote, type NameAddr } from '../../../main/sip/message';

function na(text: string): NameAddr {
  const r = parseNameAddr(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.reason}`);
  return r.value;
}

describe('name-addr and addr-spec (RFC 3261 §20.10, §25.1)', () => {
  it('reads a quoted display name with escapes, the URI and header parameters', () => {
    const a = na('"Alice \\"Al\\" Smith" <sip:alice@atlanta.example.com;transport=tcp>;tag=1928301774;expires=60');
    expect(a.displayName).toBe('Alice "Al" Smith');
    expect(a.uri.params.get('transport')).toBe('tcp');
    expect(a.params.get('tag')).toBe('1928301774');
    expect(a.params.get('expires')).toBe('60');
  });

  it('reads an unquoted display name of tokens and LWS', () => {
    expect(na('Bob  Smith <sip:bob@example.com>').displayName).toBe('Bob  Smith');
    expect(na('<sip:bob@example.com>').displayName).toBeUndefined();
  });

  it('gives parameters after an addr-spec to the header, not the URI (RFC 3261 §20.10)', () => {
    const a = na('sip:bob@example.com;tag=abc');
    expect(a.uri.params.size).toBe(0);
    expect(a.params.get('tag')).toBe('abc');
  });

  it('keeps quoted parameter values with their quotes', () => {
    const a = na('<sip:alice@192.0.2.1;ob>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";reg-id=1');
    expect(a.params.get('+sip.instance')).toBe('"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>"');
    expect(unquote(a.params.get('+sip.instance') as string)).toBe('<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>');
    expect(a.uri.params.has('ob')).toBe(true);
  });

  it('refuses broken addresses', () => {
    for (const bad of ['"unterminated <sip:a@b.com>', 'Bell, Alexander <sip:a@b.com>', '<sip:a@b.com', 'sip:a @b.com', '"x" sip:a@b.com', '<sip:a@b.com>;=x', 'sip:a@b.com?x=y']) {
      expect(parseNameAddr(bad).ok, bad).toBe(false);
    }
  });

  it('renders with angle brackets and a quoted display name, and parses back the same', () => {
    const a = na('Alice <sip:alice@example.com;lr>;tag=x');
    const text = formatNameAddr(a);
    expect(text).toBe('"Alice" <sip:alice@example.com;lr>;tag=x');
    expect(na(text)).toEqual(a);
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});
