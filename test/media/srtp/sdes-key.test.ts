import { describe, expect, it } from 'vitest';
import { formatCryptoAttribute, formatKeyParams, mkiOctets, parseCryptoAttribute, parseKeyParams, sessionOptionsFromSdes, SrtpSession, type SdesResult } from '../../../main/media/srtp';

function value<T>(r: SdesResult<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

function reason<T>(r: SdesResult<T>): string {
  return r.ok ? 'ok' : r.error.reason;
}

describe('RFC 4568 key-params', () => {
  // RFC 4568 §9.2 and §4 example key (30 octets of key || salt)
  const KEY = 'WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz';

  it('reads key and salt, lifetime and MKI from the RFC example', () => {
    const p = value(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|2^20|1:4`));
    expect(p.masterKey.length).toBe(16);
    expect(p.masterSalt.length).toBe(14);
    expect(Buffer.concat([p.masterKey, p.masterSalt]).toString('base64')).toBe(KEY);
    expect(p.lifetime).toBe(2 ** 20);
    expect(p.mki).toEqual({ value: 1, length: 4 });
    expect(formatKeyParams(p)).toBe(`inline:${KEY}|2^20|1:4`);
    expect(mkiOctets(p.mki!)).toEqual(Buffer.from([0, 0, 0, 1]));
  });

  it('takes the optional fields one at a time, and a decimal lifetime', () => {
    expect(value(parseKeyParams('AES_CM_128_HMAC_SHA1_32', `inline:${KEY}`))).not.toHaveProperty('lifetime');
    const decimal = value(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|1000`));
    expect(decimal.lifetime).toBe(1000);
    expect(formatKeyParams(decimal)).toBe(`inline:${KEY}|1000`);
    const mkiOnly = value(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|7:1`));
    expect(mkiOnly.lifetime).toBeUndefined();
    expect(mkiOnly.mki).toEqual({ value: 7, length: 1 });
  });

  it('reads GCM keys (28 and 44 octets, base64 with padding)', () => {
    const k128 = Buffer.alloc(28, 1).toString('base64');
    expect(value(parseKeyParams('AEAD_AES_128_GCM', `inline:${k128}`)).masterSalt.length).toBe(12);
    const k256 = Buffer.alloc(44, 2).toString('base64');
    expect(value(parseKeyParams('AEAD_AES_256_GCM', `inline:${k256}`)).masterKey.length).toBe(32);
  });

  it('refuses malformed key-params with a reason', () => {
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `uri:${KEY}`))).toBe('method');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY.slice(0, -4)}`))).toBe('length');
    expect(reason(parseKeyParams('AEAD_AES_128_GCM', `inline:${KEY}`))).toBe('length');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY.slice(0, -1)}!`))).toBe('base64');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', 'inline:'))).toBe('base64');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|2^x`))).toBe('lifetime');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|2^49`))).toBe('lifetime');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|0`))).toBe('lifetime');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|1:0`))).toBe('mki');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|256:1`))).toBe('mki');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|1:4:5`))).toBe('mki');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|2^20|1:4|x`))).toBe('mki');
    expect(reason(parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY}|1:4|2^20`))).toBe('mki');
    const error = parseKeyParams('AES_CM_128_HMAC_SHA1_80', `inline:${KEY.slice(0, -4)}`);
    expect(error.ok ? '' : error.error.message).toMatch(/needs 30 octets/);
  });
});

describe('RFC 4568 a=crypto attribute', () => {
  it('reads and writes tag, suite, several keys and session params', () => {
    const text = '1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4;inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk|2^20|2:4 UNENCRYPTED_SRTCP';
    const a = value(parseCryptoAttribute(text));
    expect(a.tag).toBe(1);
    expect(a.suite).toBe('AES_CM_128_HMAC_SHA1_80');
    expect(a.keys).toHaveLength(2);
    expect(a.keys[1]!.mki).toEqual({ value: 2, length: 4 });
    expect(a.sessionParams).toEqual(['UNENCRYPTED_SRTCP']);
    expect(formatCryptoAttribute(a)).toBe(text);
  });

  it('matches the key method and suite name case-insensitively, as ABNF literals do', () => {
    const a = value(parseCryptoAttribute('2 aes_cm_128_hmac_sha1_32 INLINE:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz'));
    expect(a.suite).toBe('AES_CM_128_HMAC_SHA1_32');
    expect(a.keys[0]!.masterKey.length).toBe(16);
  });

  it('refuses unknown suites, bad tags and missing keys', () => {
    expect(reason(parseCryptoAttribute('1 F8_128_HMAC_SHA1_80 inline:x'))).toBe('suite');
    expect(reason(parseCryptoAttribute('x AES_CM_128_HMAC_SHA1_80 inline:x'))).toBe('suite');
    expect(reason(parseCryptoAttribute('1 AES_CM_128_HMAC_SHA1_80'))).toBe('method');
    expect(reason(parseCryptoAttribute('1 AES_CM_128_HMAC_SHA1_80 inline:abc'))).toBe('length');
  });
});

describe('SrtpSession options from SDES', () => {
  const KEY = 'WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz';

  it('carries key, salt, lifetime, MKI and UNENCRYPTED_SRTCP into a working session', () => {
    const a = value(parseCryptoAttribute(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^20|1:4 UNENCRYPTED_SRTCP KDR=0 WSH=64`));
    const options = value(sessionOptionsFromSdes(a));
    expect(options).toMatchObject({ suite: 'AES_CM_128_HMAC_SHA1_80', lifetime: 2 ** 20, encryptRtcp: false, mki: Buffer.from([0, 0, 0, 1]) });
    const tx = new SrtpSession(options);
    const rx = new SrtpSession(options);
    const rtp = Buffer.concat([Buffer.from('80000001000000a011223344', 'hex'), Buffer.alloc(20, 9)]);
    const srtp = tx.protectRtp(rtp);
    expect(srtp.ok && rx.unprotectRtp(srtp.packet)).toEqual({ ok: true, packet: rtp });
  });

  it('refuses session parameters it cannot honour, and a missing key', () => {
    for (const param of ['KDR=24', 'UNENCRYPTED_SRTP', 'UNAUTHENTICATED_SRTP', 'FEC_ORDER=FEC_SRTP']) {
      const a = value(parseCryptoAttribute(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} ${param}`));
      expect(reason(sessionOptionsFromSdes(a))).toBe('session-param');
    }
    const a = value(parseCryptoAttribute(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`));
    expect(reason(sessionOptionsFromSdes(a, 1))).toBe('length');
    const gcm = value(parseCryptoAttribute(`1 AEAD_AES_128_GCM inline:${Buffer.alloc(28, 1).toString('base64')}|1:4`));
    expect(reason(sessionOptionsFromSdes(gcm))).toBe('mki');
  });
});
