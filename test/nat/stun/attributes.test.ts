import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  STUN_ATTR,
  bytesToIp,
  decodeAddress,
  decodeErrorCode,
  decodePriority,
  decodeText,
  decodeTieBreaker,
  decodeUnknownAttributes,
  decodeXorAddress,
  encodeAddress,
  encodeErrorCode,
  encodeUnknownAttributes,
  encodeXorAddress,
  iceRoleAttribute,
  ipToBytes,
  longTermKey,
  opaqueString,
  priorityAttribute,
  retransmissionSchedule,
  saslprep,
  shortTermKey,
  textAttribute,
  useCandidateAttribute,
} from '../../../main/nat/stun';
import { hex, reason, value } from './helpers';

const TID = hex('b7e7a701bc34d686fa87dfae');

describe('address attributes (RFC 8489 §14.1, §14.2)', () => {
  it('writes and reads MAPPED-ADDRESS for IPv4 and IPv6', () => {
    expect(encodeAddress({ family: 'IPv4', address: '192.0.2.1', port: 32853 })).toEqual(hex('00018055 c0000201'));
    const v6 = { family: 'IPv6', address: '2001:db8::1', port: 5060 } as const;
    expect(value(decodeAddress(encodeAddress(v6)))).toEqual(v6);
  });

  it('round-trips XOR-MAPPED-ADDRESS, and the XOR really changes the bytes', () => {
    for (const a of [
      { family: 'IPv4', address: '203.0.113.2', port: 40000 },
      { family: 'IPv6', address: '::ffff:c000:201', port: 1 },
      { family: 'IPv6', address: 'fe80::1:2', port: 65535 },
    ] as const) {
      const x = encodeXorAddress(a, TID);
      expect(x).not.toEqual(encodeAddress(a));
      expect(value(decodeXorAddress(x, TID))).toEqual(a);
    }
  });

  it('refuses unknown families and wrong lengths', () => {
    expect(reason(decodeAddress(hex('00030000 01020304')))).toBe('value');
    expect(reason(decodeAddress(hex('00010000 010203')))).toBe('value');
    expect(reason(decodeAddress(hex('00020000 01020304')))).toBe('value');
    expect(reason(decodeAddress(hex('0001')))).toBe('truncated');
    expect(() => encodeAddress({ family: 'IPv4', address: 'example.com', port: 1 })).toThrow(/not an IP address/);
    expect(() => encodeAddress({ family: 'IPv4', address: '1.2.3.4', port: 70000 })).toThrow(/port/);
  });

  it('reads and writes IP text the canonical way (RFC 5952)', () => {
    expect(ipToBytes('::1')).toEqual(hex('00000000000000000000000000000001'));
    expect(ipToBytes('::ffff:192.0.2.1')).toEqual(hex('00000000000000000000ffffc0000201'));
    expect(ipToBytes('2001:db8::')).toEqual(hex('20010db8000000000000000000000000'));
    expect(ipToBytes('nonsense')).toBeUndefined();
    expect(bytesToIp(hex('20010db8000000000001000000000001'))).toBe('2001:db8::1:0:0:1');
    expect(bytesToIp(hex('00000000000000000000000000000000'))).toBe('::');
    expect(bytesToIp(hex('20010db8000100000000000000000000'))).toBe('2001:db8:1::');
    expect(bytesToIp(hex('20010db8000000010001000100010001'))).toBe('2001:db8:0:1:1:1:1:1');
  });
});

describe('text, error and list attributes (RFC 8489 §14.3, §14.8–§14.10, §14.14)', () => {
  it('keeps USERNAME under 509 bytes and REALM/NONCE/SOFTWARE under 128 characters', () => {
    expect(textAttribute(STUN_ATTR.USERNAME, 'u'.repeat(508)).value.length).toBe(508);
    expect(() => textAttribute(STUN_ATTR.USERNAME, 'u'.repeat(509))).toThrow(/509|508/);
    expect(textAttribute(STUN_ATTR.REALM, 'é'.repeat(127)).value.length).toBe(254);
    expect(() => textAttribute(STUN_ATTR.SOFTWARE, 's'.repeat(128))).toThrow(/127/);
    expect(reason(decodeText(STUN_ATTR.NONCE, Buffer.alloc(128, 0x61)))).toBe('value');
    expect(reason(decodeText(STUN_ATTR.REALM, hex('c328')))).toBe('value');
    expect(value(decodeText(STUN_ATTR.SOFTWARE, Buffer.from('LiteSIP 0.1')))).toBe('LiteSIP 0.1');
  });

  it('writes ERROR-CODE as class and number, and reads it back', () => {
    expect(encodeErrorCode(420)).toEqual(Buffer.concat([hex('00000414'), Buffer.from('Unknown Attribute')]));
    expect(value(decodeErrorCode(encodeErrorCode(438, 'Stale Nonce')))).toEqual({ code: 438, reason: 'Stale Nonce' });
    expect(reason(decodeErrorCode(hex('00000200')))).toBe('value');
    expect(reason(decodeErrorCode(hex('00000464')))).toBe('value');
    expect(reason(decodeErrorCode(hex('000004')))).toBe('truncated');
    expect(() => encodeErrorCode(200)).toThrow(/300\.\.699/);
  });

  it('writes and reads UNKNOWN-ATTRIBUTES', () => {
    expect(encodeUnknownAttributes([0x7fff, 0x0019])).toEqual(hex('7fff0019'));
    expect(value(decodeUnknownAttributes(hex('7fff0019')))).toEqual([0x7fff, 0x0019]);
    expect(reason(decodeUnknownAttributes(hex('7fff00')))).toBe('value');
  });
});

describe('ICE attributes (RFC 8445 §16.1)', () => {
  it('PRIORITY, USE-CANDIDATE and the role attributes carry their raw values', () => {
    expect(priorityAttribute(0x6e0001ff)).toEqual({ type: 0x0024, value: hex('6e0001ff') });
    expect(value(decodePriority(hex('6e0001ff')))).toBe(0x6e0001ff);
    expect(useCandidateAttribute()).toEqual({ type: 0x0025, value: Buffer.alloc(0) });
    expect(iceRoleAttribute('controlling', 0x932ff9b151263b36n)).toEqual({ type: 0x802a, value: hex('932ff9b151263b36') });
    expect(iceRoleAttribute('controlled', 1n).type).toBe(0x8029);
    expect(value(decodeTieBreaker(hex('932ff9b151263b36')))).toBe(0x932ff9b151263b36n);
    expect(reason(decodePriority(hex('01')))).toBe('value');
    expect(reason(decodeTieBreaker(hex('01')))).toBe('value');
    expect(() => priorityAttribute(2 ** 32)).toThrow(/32 bits/);
  });
});

describe('credentials (RFC 8489 §9.1, §9.2; RFC 4013)', () => {
  it('SASLprep gives the RFC 4013 §3 examples', () => {
    expect(value(saslprep('I\u00ADX'))).toBe('IX');
    expect(value(saslprep('user'))).toBe('user');
    expect(value(saslprep('USER'))).toBe('USER');
    expect(value(saslprep('\u00AA'))).toBe('a');
    expect(value(saslprep('\u2168'))).toBe('IX');
    expect(reason(saslprep('\u0007'))).toBe('value');
    expect(reason(saslprep('\u0627\u0031'))).toBe('value');
    expect(value(saslprep('\u0627\u0031\u0628'))).toBe('\u0627\u0031\u0628');
    expect(value(saslprep('a\u00A0b'))).toBe('a b');
  });

  it('OpaqueString maps non-ASCII spaces, composes, and refuses controls and empty strings', () => {
    expect(value(opaqueString('e\u0301\u3000x'))).toBe('\u00e9 x');
    expect(reason(opaqueString(''))).toBe('value');
    expect(reason(opaqueString('a\u0000'))).toBe('value');
  });

  it('derives short-term and long-term keys', () => {
    expect(value(shortTermKey('secret'))).toEqual(Buffer.from('secret'));
    expect(value(longTermKey({ username: 'alice', realm: 'test.local', password: 'secret' }))).toEqual(
      createHash('md5').update('alice:test.local:secret').digest(),
    );
    expect(value(longTermKey({ username: 'alice', realm: 'test.local', password: 'secret', algorithm: 'SHA-256' }))).toEqual(
      createHash('sha256').update('alice:test.local:secret').digest(),
    );
    expect(reason(longTermKey({ username: 'alice', realm: 'r', password: 'bad\u0007' }))).toBe('value');
  });
});

describe('retransmission timing (RFC 8489 §6.2.1)', () => {
  it('sends at 0, 500, 1500, …, 31500 ms and gives up at 39500 ms', () => {
    expect(retransmissionSchedule()).toEqual({ sends: [0, 500, 1500, 3500, 7500, 15500, 31500], timeout: 39500 });
    expect(retransmissionSchedule({ rto: 100, rc: 3, rm: 2 })).toEqual({ sends: [0, 100, 300], timeout: 500 });
  });
});
