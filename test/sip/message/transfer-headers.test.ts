import { describe, expect, it } from 'vitest';
import { escapeHeaderValue, formatReplaces, formatSipfrag, parseReplaces, parseSipfrag, parseUri, uriHeader } from '../../../main/sip/message';

describe('Replaces header (RFC 3891 §6.1)', () => {
  it('reads the RFC example, with the tags in either order and early-only', () => {
    const r = parseReplaces('98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff');
    expect(r).toEqual({ ok: true, value: { callId: '98732@sip.example.com', toTag: 'ff87ff', fromTag: 'r33th4x0r', earlyOnly: false } });
    const early = parseReplaces('425928@bobster.example.org ; to-tag=7743 ; from-tag=6472 ; early-only');
    expect(early).toMatchObject({ ok: true, value: { toTag: '7743', fromTag: '6472', earlyOnly: true } });
  });

  it('keeps unknown generic parameters out of the way', () => {
    expect(parseReplaces('a@b;to-tag=1;from-tag=2;foo=bar;baz')).toMatchObject({ ok: true, value: { callId: 'a@b' } });
  });

  it('refuses a missing or doubled tag, a bad Call-ID or a tag that is not a token', () => {
    for (const bad of ['a@b;to-tag=1', 'a@b;from-tag=2', 'a@b;to-tag=1;to-tag=3;from-tag=2', ';to-tag=1;from-tag=2', 'a b;to-tag=1;from-tag=2', 'a@b;to-tag=1 2;from-tag=2', 'a@b;to-tag;from-tag=2', '']) {
      const r = parseReplaces(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^Bad Replaces header/);
    }
  });

  it('formats what it parses', () => {
    const value = { callId: 'x7@host', toTag: 'abc', fromTag: 'def', earlyOnly: true };
    expect(formatReplaces(value)).toBe('x7@host;to-tag=abc;from-tag=def;early-only');
    expect(parseReplaces(formatReplaces(value))).toEqual({ ok: true, value });
  });
});

describe('message/sipfrag status lines (RFC 3420, RFC 3515 §2.4.5)', () => {
  it('formats and reads a status line', () => {
    expect(formatSipfrag(180, 'Ringing')).toBe('SIP/2.0 180 Ringing\r\n');
    expect(parseSipfrag('SIP/2.0 200 OK\r\n')).toEqual({ status: 200, reason: 'OK' });
    expect(parseSipfrag('SIP/2.0 603 Declined\r\nContent-Length: 0\r\n\r\n')).toEqual({ status: 603, reason: 'Declined' });
    expect(parseSipfrag('SIP/2.0 100\n')).toEqual({ status: 100, reason: '' });
  });

  it('keeps a reason on one line', () => {
    expect(formatSipfrag(486, 'Busy\r\nX: y')).toBe('SIP/2.0 486 Busy X: y\r\n');
  });

  it('refuses what is not a status line', () => {
    for (const bad of ['', 'INVITE sip:a@b SIP/2.0\r\n', 'SIP/2.0 99 Low', 'SIP/2.0 700 High', 'HTTP/1.1 200 OK']) expect(parseSipfrag(bad), bad).toBeUndefined();
  });
});

describe('URI header values (RFC 3261 §19.1.1)', () => {
  it('escapes ; = @ and spaces but keeps hnv-unreserved characters, and reads them back', () => {
    const escaped = escapeHeaderValue('12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994');
    expect(escaped).toBe('12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994');
    expect(escapeHeaderValue('a b%/?:+$[]')).toBe('a%20b%25/?:+$[]');
    const uri = parseUri(`sip:carol@example.com?Replaces=${escaped}`);
    if (!uri.ok) throw new Error(uri.error.reason);
    expect(uriHeader(uri.value, 'replaces')).toBe('12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994');
    expect(uriHeader(uri.value, 'Subject')).toBeUndefined();
  });
});
