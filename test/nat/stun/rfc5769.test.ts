import { describe, expect, it } from 'vitest';
import {
  STUN_ATTR,
  STUN_METHOD,
  decodeStunMessage,
  decodePriority,
  decodeText,
  decodeTieBreaker,
  decodeXorAddress,
  encodeStunMessage,
  encodeXorAddress,
  findAttribute,
  longTermKey,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  type DecodedStunMessage,
} from '../../../main/nat/stun';
import { reason, value } from './helpers';
import {
  LONG_TERM_NONCE,
  LONG_TERM_PASSWORD,
  LONG_TERM_REALM,
  LONG_TERM_USERNAME,
  SAMPLE_IPV4_RESPONSE,
  SAMPLE_IPV6_RESPONSE,
  SAMPLE_LONG_TERM_REQUEST,
  SAMPLE_REQUEST,
  SHORT_TERM_PASSWORD,
} from './rfc5769-vectors';

const SHORT_KEY = value(shortTermKey(SHORT_TERM_PASSWORD));

function text(message: DecodedStunMessage, type: Parameters<typeof decodeText>[0]): string {
  return value(decodeText(type, findAttribute(message, type)!.value));
}

/** Rebuilds a decoded vector from its attributes, with the integrity and fingerprint recomputed. */
function rebuild(message: DecodedStunMessage, key: Buffer, fingerprint: boolean, paddingByte: number): Buffer {
  const attributes = message.attributes.filter((a) => a.type !== STUN_ATTR.MESSAGE_INTEGRITY && a.type !== STUN_ATTR.FINGERPRINT);
  return encodeStunMessage(
    { method: message.method, messageClass: message.messageClass, transactionId: message.transactionId, attributes: attributes.map((a) => ({ type: a.type, value: Buffer.from(a.value) })) },
    { integrityKey: key, fingerprint, paddingByte },
  );
}

describe('RFC 5769 test vectors', () => {
  it('§2.1 sample request: fields, short-term MESSAGE-INTEGRITY and FINGERPRINT, rebuilt byte for byte', () => {
    const m = value(decodeStunMessage(SAMPLE_REQUEST));
    expect(m.method).toBe(STUN_METHOD.BINDING);
    expect(m.messageClass).toBe('request');
    expect(m.transactionId.toString('hex')).toBe('b7e7a701bc34d686fa87dfae');
    expect(m.attributes.map((a) => a.type)).toEqual([0x8022, 0x0024, 0x8029, 0x0006, 0x0008, 0x8028]);
    expect(m.unknownRequired).toEqual([]);
    expect(text(m, STUN_ATTR.SOFTWARE)).toBe('STUN test client');
    expect(text(m, STUN_ATTR.USERNAME)).toBe('evtj:h6vY');
    expect(value(decodePriority(findAttribute(m, STUN_ATTR.PRIORITY)!.value))).toBe(0x6e0001ff);
    expect(value(decodeTieBreaker(findAttribute(m, STUN_ATTR.ICE_CONTROLLED)!.value))).toBe(0x932ff9b151263b36n);
    expect(verifyMessageIntegrity(m, SHORT_KEY)).toBe('valid');
    expect(verifyMessageIntegrity(m, Buffer.from('VOkJxbRl1RmTxUk/WvJxBT'))).toBe('invalid');
    expect(verifyFingerprint(m)).toBe('valid');
    // The RFC pads USERNAME with 0x20 (RFC 5389 allowed any padding); the HMAC covers those bytes.
    expect(rebuild(m, SHORT_KEY, true, 0x20)).toEqual(SAMPLE_REQUEST);
  });

  it('§2.2 sample IPv4 response: XOR-MAPPED-ADDRESS 192.0.2.1:32853, both directions', () => {
    const m = value(decodeStunMessage(SAMPLE_IPV4_RESPONSE));
    expect(m.messageClass).toBe('success');
    expect(text(m, STUN_ATTR.SOFTWARE)).toBe('test vector');
    const xor = findAttribute(m, STUN_ATTR.XOR_MAPPED_ADDRESS)!;
    expect(value(decodeXorAddress(xor.value, m.transactionId))).toEqual({ family: 'IPv4', address: '192.0.2.1', port: 32853 });
    expect(encodeXorAddress({ family: 'IPv4', address: '192.0.2.1', port: 32853 }, m.transactionId)).toEqual(xor.value);
    expect(verifyMessageIntegrity(m, SHORT_KEY)).toBe('valid');
    expect(verifyFingerprint(m)).toBe('valid');
    expect(rebuild(m, SHORT_KEY, true, 0x20)).toEqual(SAMPLE_IPV4_RESPONSE);
  });

  it('§2.3 sample IPv6 response: XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853, both directions', () => {
    const m = value(decodeStunMessage(SAMPLE_IPV6_RESPONSE));
    const xor = findAttribute(m, STUN_ATTR.XOR_MAPPED_ADDRESS)!;
    const mapped = { family: 'IPv6', address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 } as const;
    expect(value(decodeXorAddress(xor.value, m.transactionId))).toEqual(mapped);
    expect(encodeXorAddress(mapped, m.transactionId)).toEqual(xor.value);
    expect(verifyMessageIntegrity(m, SHORT_KEY)).toBe('valid');
    expect(verifyFingerprint(m)).toBe('valid');
    expect(rebuild(m, SHORT_KEY, true, 0x20)).toEqual(SAMPLE_IPV6_RESPONSE);
  });

  it('§2.4 long-term authentication: MD5(username:realm:SASLprep(password)) checks, rebuilt byte for byte', () => {
    const m = value(decodeStunMessage(SAMPLE_LONG_TERM_REQUEST));
    expect(m.transactionId.toString('hex')).toBe('78ad3433c6ad72c029da412e');
    expect(text(m, STUN_ATTR.USERNAME)).toBe(LONG_TERM_USERNAME);
    expect(text(m, STUN_ATTR.NONCE)).toBe(LONG_TERM_NONCE);
    expect(text(m, STUN_ATTR.REALM)).toBe(LONG_TERM_REALM);
    const key = value(longTermKey({ username: LONG_TERM_USERNAME, realm: LONG_TERM_REALM, password: LONG_TERM_PASSWORD }));
    expect(value(longTermKey({ username: LONG_TERM_USERNAME, realm: LONG_TERM_REALM, password: 'TheMatrIX' }))).toEqual(key);
    expect(verifyMessageIntegrity(m, key)).toBe('valid');
    expect(verifyFingerprint(m)).toBe('absent');
    // RFC 8489's OpaqueString keeps U+00AD, U+00AA and U+2168, so it does not give this vector's key.
    const opaque = value(longTermKey({ username: LONG_TERM_USERNAME, realm: LONG_TERM_REALM, password: LONG_TERM_PASSWORD, preparation: 'opaque-string' }));
    expect(verifyMessageIntegrity(m, opaque)).toBe('invalid');
    expect(rebuild(m, key, false, 0x00)).toEqual(SAMPLE_LONG_TERM_REQUEST);
  });

  const vectors = { '§2.1': SAMPLE_REQUEST, '§2.2': SAMPLE_IPV4_RESPONSE, '§2.3': SAMPLE_IPV6_RESPONSE, '§2.4': SAMPLE_LONG_TERM_REQUEST };

  it('refuses every truncation of every vector', () => {
    for (const bytes of Object.values(vectors)) {
      for (let cut = 0; cut < bytes.length; cut++) expect(reason(decodeStunMessage(bytes.subarray(0, cut))), `cut at ${cut}`).toBe('truncated');
    }
  });

  it('notices every single-bit corruption: the message is refused or its integrity or fingerprint fails', () => {
    const keys: Record<string, Buffer> = {
      '§2.1': SHORT_KEY,
      '§2.2': SHORT_KEY,
      '§2.3': SHORT_KEY,
      '§2.4': value(longTermKey({ username: LONG_TERM_USERNAME, realm: LONG_TERM_REALM, password: LONG_TERM_PASSWORD })),
    };
    for (const [name, bytes] of Object.entries(vectors)) {
      // A receiver that expects FINGERPRINT (2.1–2.3) treats a message without one as not STUN.
      const expectedFingerprint = verifyFingerprint(value(decodeStunMessage(bytes)));
      for (let i = 0; i < bytes.length * 8; i++) {
        const corrupt = Buffer.from(bytes);
        corrupt[i >> 3]! ^= 0x80 >> (i & 7);
        const decoded = decodeStunMessage(corrupt);
        if (!decoded.ok) continue;
        const intact = verifyMessageIntegrity(decoded.value, keys[name]!) === 'valid' && verifyFingerprint(decoded.value) === expectedFingerprint;
        expect(intact, `${name} bit ${i}`).toBe(false);
      }
    }
  });
});
