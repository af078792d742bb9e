/**
 * RFC 5118 (SIP torture tests for IPv6): each message of §4 through the parser. The RFC
 * prints Content-Length values that do not match its printed SDP bodies (§4.6, §4.8, §4.9);
 * those three are checked with Content-Length set to the body they carry, since the point of
 * the tests is the addresses, not framing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, type SipMessage, type SipRequest } from '../../../main/sip/message';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/rfc5118');

function load(name: string): Buffer {
  return fs.readFileSync(path.join(DIR, `${name}.dat`));
}

/** The message with Content-Length restated as the length of the body it carries. */
function withTrueLength(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n') + 4;
  return Buffer.from(text.slice(0, split).replace(/Content-Length: \d+/, `Content-Length: ${raw.length - split}`) + text.slice(split), 'latin1');
}

function ok(name: string, fix = false): SipMessage {
  const raw = load(name);
  const r = parseMessage(fix ? withTrueLength(raw) : raw);
  if (!r.ok) throw new Error(`${name}: ${r.error.reason}`);
  return r.value;
}

describe('RFC 5118 IPv6 torture tests', () => {
  it('§4.1 a valid IPv6 reference in Request-URI, Via and Contact', () => {
    const m = ok('ipv6-good') as SipRequest;
    expect(m.uri.host).toBe('[2001:db8::10]');
    expect(m.uri.port).toBeUndefined();
    expect(m.via[0]?.host).toBe('[2001:db8::9:1]');
    expect(m.contact[0]?.uri.host).toBe('[2001:db8::1]');
  });

  it('§4.2 an IPv6 address without brackets in the Request-URI is refused with 400', () => {
    const r = parseMessage(load('ipv6-bad'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad-request-uri');
    expect(r.error.status).toBe(400);
    expect(r.error.context?.method).toBe('REGISTER');
  });

  it('§4.3 a port-looking last group inside the brackets is part of the address', () => {
    const m = ok('port-ambiguous') as SipRequest;
    expect(m.uri.host).toBe('[2001:db8::10:5070]');
    expect(m.uri.port).toBeUndefined();
  });

  it('§4.4 a port after the brackets is a port', () => {
    const m = ok('port-unambiguous') as SipRequest;
    expect(m.uri.host).toBe('[2001:db8::10]');
    expect(m.uri.port).toBe(5070);
  });

  it('§4.5 Via received with and without brackets (both accepted; RFC 3261 grammar wants none)', () => {
    expect(ok('via-received-brackets').via[0]?.received).toBe('[2001:db8::9:255]');
    const bare = ok('via-received-bare');
    expect(bare.via[0]?.received).toBe('2001:db8::9:255');
    expect(bare.via[0]?.branch).toBe('z9hG4bKas3');
  });

  it('§4.6 IPv6 addresses in the SDP body', () => {
    const m = ok('ipv6-sdp', true);
    expect(m.to.uri.host).toBe('[2001:db8::10]');
    expect(m.body.toString()).toContain('c=IN IP6 2001:db8::20');
  });

  it('§4.7 IPv4 and IPv6 addresses mixed in Via', () => {
    const m = ok('mult-ip-in-header');
    expect(m.via.map((v) => [v.host, v.port, v.received])).toEqual([
      ['[2001:db8::9:1]', 6050, undefined],
      ['192.0.2.1', undefined, undefined],
      ['[2001:db8::9:255]', undefined, '192.0.2.200'],
    ]);
  });

  it('§4.8 multiple addresses in the SDP body', () => {
    expect(ok('mult-ip-in-sdp', true).contentType?.subtype).toBe('sdp');
  });

  it('§4.9 IPv4-mapped IPv6 addresses', () => {
    const m = ok('ipv4-mapped-ipv6', true);
    expect(m.via.map((v) => [v.host, v.port])).toEqual([
      ['[::ffff:192.0.2.10]', 19823],
      ['[::ffff:192.0.2.2]', undefined],
    ]);
    expect(m.contact[0]?.uri.host).toBe('[::ffff:192.0.2.2]');
  });

  it('§4.10 the RFC 3261 ABNF bug: three colons are refused, the correct form is accepted', () => {
    // The RFC lets a robust parser accept "2001:db8:::192.0.2.1"; we keep to RFC 4291 text forms and answer 400.
    const bad = parseMessage(load('ipv6-bug-abnf-3-colons'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.status).toBe(400);
    expect((ok('ipv6-correct-abnf-2-colons') as SipRequest).uri.host).toBe('[2001:db8::192.0.2.1]');
  });

  it('the printed Content-Length of §4.6 is larger than the printed body, so as printed it is refused over UDP', () => {
    const r = parseMessage(load('ipv6-sdp'));
    expect(!r.ok && r.error.code).toBe('body-too-short');
  });
});
