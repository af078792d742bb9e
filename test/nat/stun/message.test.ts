import { createHmac, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  STUN_ATTR,
  STUN_METHOD,
  decodeMessageType,
  decodeStunMessage,
  encodeMessageType,
  encodeStunMessage,
  looksLikeStun,
  verifyFingerprint,
  verifyMessageIntegrity,
  verifyMessageIntegritySha256,
  type StunAttribute,
  type StunClass,
  type StunMessage,
} from '../../../main/nat/stun';
import { hex, reason, value } from './helpers';
import { SAMPLE_IPV4_RESPONSE, SAMPLE_LONG_TERM_REQUEST, SAMPLE_REQUEST } from './rfc5769-vectors';

const TID = hex('0102030405060708090a0b0c');

function message(attributes: StunAttribute[], messageClass: StunClass = 'request'): StunMessage {
  return { method: STUN_METHOD.BINDING, messageClass, transactionId: TID, attributes };
}

/** A message written by hand: header + raw attribute bytes, the length field computed. */
function raw(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(body.length, 2);
  head.writeUInt32BE(0x2112a442, 4);
  TID.copy(head, 8);
  return Buffer.concat([head, body]);
}

describe('STUN message type (RFC 8489 §5)', () => {
  it('encodes the Binding classes as the RFC lists them', () => {
    expect(encodeMessageType(STUN_METHOD.BINDING, 'request')).toBe(0x0001);
    expect(encodeMessageType(STUN_METHOD.BINDING, 'indication')).toBe(0x0011);
    expect(encodeMessageType(STUN_METHOD.BINDING, 'success')).toBe(0x0101);
    expect(encodeMessageType(STUN_METHOD.BINDING, 'error')).toBe(0x0111);
  });

  it('round-trips every method bit with every class', () => {
    for (const method of [0x001, 0x003, 0x00f, 0x010, 0x070, 0x080, 0xf80, 0xfff, 0xabc]) {
      for (const c of ['request', 'indication', 'success', 'error'] as const) {
        const type = encodeMessageType(method, c);
        expect(type & 0xc000).toBe(0);
        expect(decodeMessageType(type)).toEqual({ method, messageClass: c });
      }
    }
  });
});

describe('STUN message encoding and decoding (RFC 8489 §5, §14)', () => {
  it('pads values to 4 bytes with zeroes and reads the value back without padding', () => {
    const bytes = encodeStunMessage(message([{ type: STUN_ATTR.USERNAME, value: Buffer.from('abcde') }]));
    expect(bytes.toString('hex')).toBe('0001000c2112a442' + TID.toString('hex') + '0006000561626364' + '65000000');
    const m = value(decodeStunMessage(bytes));
    expect(m.attributes).toEqual([{ type: STUN_ATTR.USERNAME, value: Buffer.from('abcde'), offset: 20 }]);
  });

  it('accepts a message without attributes and reports the class and transaction ID', () => {
    const m = value(decodeStunMessage(raw(0x0111, Buffer.alloc(0))));
    expect(m).toMatchObject({ method: 1, messageClass: 'error', attributes: [], unknownRequired: [] });
    expect(m.transactionId).toEqual(TID);
  });

  it('refuses non-STUN data, bad lengths and attributes that overrun the message', () => {
    expect(reason(decodeStunMessage(Buffer.from('INVITE sip:bob@example.com SIP/2.0\r\n\r\n')))).toBe('not-stun');
    const noCookie = raw(0x0001, Buffer.alloc(0));
    noCookie.writeUInt32BE(0x2112a443, 4);
    expect(reason(decodeStunMessage(noCookie))).toBe('not-stun');
    const topBits = raw(0x0001, Buffer.alloc(0));
    topBits[0] = 0x40;
    expect(reason(decodeStunMessage(topBits))).toBe('not-stun');
    const odd = raw(0x0001, Buffer.alloc(4));
    odd.writeUInt16BE(2, 2);
    expect(reason(decodeStunMessage(odd))).toBe('length');
    expect(reason(decodeStunMessage(Buffer.concat([raw(0x0001, Buffer.alloc(0)), Buffer.alloc(4)])))).toBe('length');
    expect(reason(decodeStunMessage(raw(0x0001, hex('80220010 41414141'))))).toBe('truncated');
    expect(reason(decodeStunMessage(raw(0x0001, hex('00060005 41414141'))))).toBe('truncated');
  });

  it('reports unknown comprehension-required attributes and skips unknown optional ones', () => {
    const m = value(decodeStunMessage(raw(0x0001, hex('7fff0000 c0010004 01020304 00190004 11000000'))));
    expect(m.unknownRequired).toEqual([0x7fff, 0x0019]);
    expect(m.attributes.map((a) => a.type)).toEqual([0x7fff, 0xc001, 0x0019]);
    const turn = value(decodeStunMessage(raw(0x0001, hex('00190004 11000000')), { comprehended: [0x0019] }));
    expect(turn.unknownRequired).toEqual([]);
  });

  it('ignores attributes after MESSAGE-INTEGRITY but for MESSAGE-INTEGRITY-SHA256 and FINGERPRINT (§14.5, §14.6)', () => {
    const mi = '00080014' + '00'.repeat(20);
    const sha = '001c0020' + '00'.repeat(32);
    const m = value(decodeStunMessage(raw(0x0001, hex(mi + '80220004 41414141' + sha + '00060004 41414141' + '80280004 00000000'))));
    expect(m.attributes.map((a) => a.type)).toEqual([0x0008, 0x001c, 0x8028]);
  });

  it('refuses anything after FINGERPRINT (§14.7)', () => {
    expect(reason(decodeStunMessage(raw(0x0001, hex('80280004 00000000 80220004 41414141'))))).toBe('layout');
  });

  it('computes FINGERPRINT as CRC-32 XOR 0x5354554e over the message with its length already counted', () => {
    const bytes = encodeStunMessage(message([{ type: STUN_ATTR.SOFTWARE, value: Buffer.from('LiteSIP') }]), { fingerprint: true });
    const before = bytes.subarray(0, bytes.length - 8);
    expect(before.readUInt16BE(2)).toBe(bytes.length - 20);
    expect(bytes.readUInt32BE(bytes.length - 4)).toBe((crc32(before) ^ 0x5354554e) >>> 0);
    expect(verifyFingerprint(value(decodeStunMessage(bytes)))).toBe('valid');
  });

  it('computes MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 over the right prefix, and checks both', () => {
    const key = Buffer.from('a key');
    const bytes = encodeStunMessage(message([{ type: STUN_ATTR.USERNAME, value: Buffer.from('u:v') }]), {
      integrityKey: key,
      integritySha256Key: key,
      fingerprint: true,
    });
    // header 20 + USERNAME 8 + MI 24 + MI-SHA256 36 + FINGERPRINT 8
    expect(bytes.length).toBe(96);
    const sha1Prefix = Buffer.from(bytes.subarray(0, 28));
    sha1Prefix.writeUInt16BE(8 + 24, 2);
    expect(bytes.subarray(32, 52)).toEqual(createHmac('sha1', key).update(sha1Prefix).digest());
    const sha256Prefix = Buffer.from(bytes.subarray(0, 52));
    sha256Prefix.writeUInt16BE(8 + 24 + 36, 2);
    expect(bytes.subarray(56, 88)).toEqual(createHmac('sha256', key).update(sha256Prefix).digest());
    const m = value(decodeStunMessage(bytes));
    expect(verifyMessageIntegrity(m, key)).toBe('valid');
    expect(verifyMessageIntegritySha256(m, key)).toBe('valid');
    expect(verifyFingerprint(m)).toBe('valid');
    expect(verifyMessageIntegritySha256(m, Buffer.from('another key'))).toBe('invalid');
    expect(verifyMessageIntegritySha256(value(decodeStunMessage(SAMPLE_REQUEST)), key)).toBe('absent');
  });

  it('truncates MESSAGE-INTEGRITY-SHA256 to 16 bytes when asked, and refuses lengths the RFC forbids', () => {
    const key = Buffer.from('k');
    const bytes = encodeStunMessage(message([]), { integritySha256Key: key, integritySha256Length: 16 });
    expect(bytes.length).toBe(20 + 20);
    expect(verifyMessageIntegritySha256(value(decodeStunMessage(bytes)), key)).toBe('valid');
    expect(() => encodeStunMessage(message([]), { integritySha256Key: key, integritySha256Length: 12 })).toThrow(/16\.\.32/);
    const short = raw(0x0001, hex('001c000c' + '00'.repeat(12)));
    expect(verifyMessageIntegritySha256(value(decodeStunMessage(short)), key)).toBe('invalid');
  });

  it('says absent or invalid, never throws, for malformed integrity attributes', () => {
    const m = value(decodeStunMessage(raw(0x0001, hex('00080004 00000000 80280002 00000000'))));
    expect(verifyMessageIntegrity(m, Buffer.from('k'))).toBe('invalid');
    expect(verifyFingerprint(m)).toBe('invalid');
    expect(verifyMessageIntegrity(value(decodeStunMessage(raw(0x0001, Buffer.alloc(0)))), Buffer.from('k'))).toBe('absent');
  });

  it('refuses values it cannot send', () => {
    expect(() => encodeStunMessage({ ...message([]), transactionId: Buffer.alloc(11) })).toThrow(/12 bytes/);
    expect(() => encodeStunMessage({ ...message([]), method: 0x1000 })).toThrow(/12 bits/);
    expect(() => encodeStunMessage(message([{ type: 0x8022, value: Buffer.alloc(0x10000) }]))).toThrow(/too long/);
  });

  it('tells STUN from SIP, RTP and DTLS on a shared socket (RFC 7983)', () => {
    expect(looksLikeStun(SAMPLE_REQUEST)).toBe(true);
    expect(looksLikeStun(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\n\r\n'))).toBe(false);
    expect(looksLikeStun(hex('80000001 00000000 00000001 00000000 00000000'))).toBe(false);
    expect(looksLikeStun(hex('16fefd00 00000000 00000000 00000000 00000000'))).toBe(false);
    expect(looksLikeStun(Buffer.alloc(10))).toBe(false);
  });

  it('never throws on random or mutated input', () => {
    const seeds = [SAMPLE_REQUEST, SAMPLE_IPV4_RESPONSE, SAMPLE_LONG_TERM_REQUEST];
    for (let i = 0; i < 3000; i++) {
      let data: Buffer;
      if (i % 3 === 0) {
        data = randomBytes(i % 120);
        if (data.length >= 8) data.writeUInt32BE(0x2112a442, 4);
      } else {
        data = Buffer.from(seeds[i % seeds.length]!);
        for (let k = 0; k < 1 + (i % 5); k++) data[(i * 7919 + k * 104729) % data.length] = (i * 31 + k) & 0xff;
      }
      const decoded = decodeStunMessage(data);
      if (decoded.ok) {
        verifyMessageIntegrity(decoded.value, Buffer.from('k'));
        verifyMessageIntegritySha256(decoded.value, Buffer.from('k'));
        verifyFingerprint(decoded.value);
      } else {
        expect(decoded.error.name).toBe('StunParseError');
      }
    }
  });
});
