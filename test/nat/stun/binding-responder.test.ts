import { describe, expect, it } from 'vitest';
import {
  STUN_ATTR,
  STUN_METHOD,
  answerBindingRequest,
  decodeErrorCode,
  decodeStunMessage,
  decodeText,
  decodeUnknownAttributes,
  decodeXorAddress,
  encodeStunMessage,
  findAttribute,
  textAttribute,
  verifyFingerprint,
  verifyMessageIntegrity,
  verifyMessageIntegritySha256,
  type DecodedStunMessage,
  type StunAttribute,
  type StunClass,
} from '../../../main/nat/stun';
import { value } from './helpers';
import { SAMPLE_REQUEST } from './rfc5769-vectors';

const TID = Buffer.from('00112233445566778899aabb', 'hex');
const SOURCE = { family: 'IPv4', address: '10.0.1.2', port: 5060 } as const;
const KEY = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');

function request(attributes: StunAttribute[] = [], options: { integrityKey?: Buffer; fingerprint?: boolean; method?: number; messageClass?: StunClass } = {}): Buffer {
  return encodeStunMessage(
    { method: options.method ?? STUN_METHOD.BINDING, messageClass: options.messageClass ?? 'request', transactionId: TID, attributes },
    { integrityKey: options.integrityKey, fingerprint: options.fingerprint },
  );
}

function decoded(reply: Buffer | undefined): DecodedStunMessage {
  expect(reply).toBeDefined();
  return value(decodeStunMessage(reply!));
}

function errorCode(m: DecodedStunMessage): number {
  return value(decodeErrorCode(findAttribute(m, STUN_ATTR.ERROR_CODE)!.value)).code;
}

describe('STUN Binding responder (RFC 8489 §6.3)', () => {
  it('answers with the source address in XOR-MAPPED-ADDRESS, for IPv4 and IPv6 sources', () => {
    for (const source of [SOURCE, { family: 'IPv6', address: '2001:db8::7', port: 49152 } as const]) {
      const m = decoded(answerBindingRequest(request(), source, { software: 'LiteSIP' }));
      expect(m).toMatchObject({ method: STUN_METHOD.BINDING, messageClass: 'success' });
      expect(m.transactionId).toEqual(TID);
      expect(value(decodeXorAddress(findAttribute(m, STUN_ATTR.XOR_MAPPED_ADDRESS)!.value, m.transactionId))).toEqual(source);
      expect(value(decodeText(STUN_ATTR.SOFTWARE, findAttribute(m, STUN_ATTR.SOFTWARE)!.value))).toBe('LiteSIP');
      expect(verifyFingerprint(m)).toBe('absent');
    }
  });

  it('adds FINGERPRINT when the request had one, and ignores requests whose FINGERPRINT fails', () => {
    expect(verifyFingerprint(decoded(answerBindingRequest(request([], { fingerprint: true }), SOURCE)))).toBe('valid');
    const bad = request([], { fingerprint: true });
    bad[bad.length - 1]! ^= 0xff;
    expect(answerBindingRequest(bad, SOURCE)).toBeUndefined();
  });

  it('does not answer indications (keep-alives), responses or garbage', () => {
    expect(answerBindingRequest(request([], { messageClass: 'indication' }), SOURCE)).toBeUndefined();
    expect(answerBindingRequest(request([], { messageClass: 'success' }), SOURCE)).toBeUndefined();
    expect(answerBindingRequest(Buffer.from('\r\n\r\n'), SOURCE)).toBeUndefined();
    expect(answerBindingRequest(SAMPLE_REQUEST.subarray(0, 50), SOURCE)).toBeUndefined();
  });

  it('answers 420 with UNKNOWN-ATTRIBUTES for unknown comprehension-required attributes', () => {
    const m = decoded(answerBindingRequest(request([{ type: 0x7abc, value: Buffer.alloc(0) }, { type: 0xc0de, value: Buffer.alloc(0) }]), SOURCE));
    expect(m.messageClass).toBe('error');
    expect(errorCode(m)).toBe(420);
    expect(value(decodeUnknownAttributes(findAttribute(m, STUN_ATTR.UNKNOWN_ATTRIBUTES)!.value))).toEqual([0x7abc]);
  });

  it('answers 400 to requests of methods it does not serve', () => {
    const m = decoded(answerBindingRequest(request([], { method: 0x003 }), SOURCE));
    expect(m).toMatchObject({ method: 0x003, messageClass: 'error' });
    expect(errorCode(m)).toBe(400);
  });

  it('with short-term credentials: 400 without them, 401 when they fail, a signed answer when they hold (§9.1.3)', () => {
    const options = { shortTermKey: (user: string) => (user === 'evtj:h6vY' ? KEY : undefined) };
    expect(errorCode(decoded(answerBindingRequest(request(), SOURCE, options)))).toBe(400);
    const wrongKey = request([textAttribute(STUN_ATTR.USERNAME, 'evtj:h6vY')], { integrityKey: Buffer.from('nope') });
    const unauthorized = decoded(answerBindingRequest(wrongKey, SOURCE, options));
    expect(errorCode(unauthorized)).toBe(401);
    expect(verifyMessageIntegrity(unauthorized, KEY)).toBe('absent');
    const unknownUser = request([textAttribute(STUN_ATTR.USERNAME, 'mallory')], { integrityKey: KEY });
    expect(errorCode(decoded(answerBindingRequest(unknownUser, SOURCE, options)))).toBe(401);
    const good = decoded(answerBindingRequest(request([textAttribute(STUN_ATTR.USERNAME, 'evtj:h6vY')], { integrityKey: KEY }), SOURCE, options));
    expect(good.messageClass).toBe('success');
    expect(verifyMessageIntegrity(good, KEY)).toBe('valid');
  });

  it('checks MESSAGE-INTEGRITY-SHA256 when the request carries it, and answers with it', () => {
    const options = { shortTermKey: () => KEY };
    const signed = encodeStunMessage(
      { method: STUN_METHOD.BINDING, messageClass: 'request', transactionId: TID, attributes: [textAttribute(STUN_ATTR.USERNAME, 'evtj:h6vY')] },
      { integritySha256Key: KEY },
    );
    const m = decoded(answerBindingRequest(signed, SOURCE, options));
    expect(m.messageClass).toBe('success');
    expect(verifyMessageIntegritySha256(m, KEY)).toBe('valid');
    expect(verifyMessageIntegrity(m, KEY)).toBe('absent');
    const forged = encodeStunMessage(
      { method: STUN_METHOD.BINDING, messageClass: 'request', transactionId: TID, attributes: [textAttribute(STUN_ATTR.USERNAME, 'evtj:h6vY')] },
      { integrityKey: KEY, integritySha256Key: Buffer.from('other') },
    );
    expect(errorCode(decoded(answerBindingRequest(forged, SOURCE, options)))).toBe(401);
  });

  it('answers the RFC 5769 §2.1 request (ICE attributes, short-term credentials, FINGERPRINT)', () => {
    const m = decoded(answerBindingRequest(SAMPLE_REQUEST, SOURCE, { shortTermKey: () => KEY }));
    expect(m.messageClass).toBe('success');
    expect(verifyMessageIntegrity(m, KEY)).toBe('valid');
    expect(verifyFingerprint(m)).toBe('valid');
  });
});
