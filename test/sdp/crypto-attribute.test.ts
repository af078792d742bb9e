import { describe, expect, it } from 'vitest';
import { formatKeyParams, generateKeySalt, keySaltLength, parseCryptoAttribute, parseKeyParams, SdpCryptoError } from '../../main/sdp';

// RFC 4568 §9.1's own example key-params.
const RFC_EXAMPLE = '1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4';

describe('sdp: a=crypto (RFC 4568 §9.1)', () => {
  it('parses the RFC example with lifetime and MKI', () => {
    const c = parseCryptoAttribute(RFC_EXAMPLE);
    expect(c.tag).toBe(1);
    expect(c.suite).toBe('AES_CM_128_HMAC_SHA1_80');
    expect(c.keys).toHaveLength(1);
    expect(c.keys[0]?.keySalt.toString('base64')).toBe('PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR');
    expect(c.keys[0]?.lifetime).toBe(2 ** 20);
    expect(c.keys[0]?.mki).toEqual({ value: 1, length: 4 });
    expect(c.sessionParams).toEqual([]);
    expect(formatKeyParams(c.keys[0] ?? { keySalt: Buffer.alloc(0) })).toBe('inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4');
  });

  it('parses several keys, a decimal lifetime, MKI without lifetime and session parameters', () => {
    const key = 'PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR';
    const c = parseCryptoAttribute(`2 AES_CM_128_HMAC_SHA1_32 inline:${key}|1048576;inline:${key}|2:1 KDR=1 UNENCRYPTED_SRTCP`);
    expect(c.keys.map((k) => [k.lifetime, k.mki])).toEqual([
      [1048576, undefined],
      [undefined, { value: 2, length: 1 }],
    ]);
    expect(c.sessionParams).toEqual(['KDR=1', 'UNENCRYPTED_SRTCP']);
  });

  it('takes AEAD_AES_128_GCM keys of 28 bytes (RFC 7714 §12)', () => {
    const key = generateKeySalt('AEAD_AES_128_GCM');
    expect(key).toHaveLength(28);
    const c = parseCryptoAttribute(`3 AEAD_AES_128_GCM inline:${key.toString('base64')}`);
    expect(c.keys[0]?.keySalt.equals(key)).toBe(true);
  });

  it('reads suite names and the key method without regard to case (RFC 5234 §2.3)', () => {
    const c = parseCryptoAttribute('1 aes_cm_128_hmac_sha1_80 INLINE:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR');
    expect(c.suite).toBe('AES_CM_128_HMAC_SHA1_80');
    expect(c.keys).toHaveLength(1);
  });

  it('checks AES-256 keys: 46 bytes (RFC 6188 §7)', () => {
    const c = parseCryptoAttribute('1 AES_256_CM_HMAC_SHA1_80 inline:CAC+XlZTQFnUhIzoxYwC6HloJ52ggPj30mwkUdQ0jGB6ESD5VxbgD8vGn5U5sA==');
    expect(c.keys[0]?.keySalt).toHaveLength(46);
    expect(() => parseCryptoAttribute('1 AES_256_CM_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR')).toThrow('has 30 bytes, expected 46');
  });

  it('keeps the key-params of unknown suites unchecked', () => {
    const c = parseCryptoAttribute('1 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm');
    expect(c.keys).toEqual([]);
    expect(c.rawKeyParams).toBe('inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm');
  });

  it('makes fresh keys of the suite size each time', () => {
    expect(keySaltLength('AES_CM_128_HMAC_SHA1_80')).toBe(30);
    const a = generateKeySalt('AES_CM_128_HMAC_SHA1_80');
    const b = generateKeySalt('AES_CM_128_HMAC_SHA1_80');
    expect(a).toHaveLength(30);
    expect(a.equals(b)).toBe(false);
  });

  const bad: [string, string][] = [
    ['x AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR', 'SDP: bad crypto tag "x"'],
    ['1234567890 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR', 'SDP: bad crypto tag "1234567890"'],
    ['1 AES_CM_128_HMAC_SHA1_80', 'SDP: missing key-params for crypto tag 1'],
    ['1 AES_CM_128_HMAC_SHA1_80 uri:https://example.com/key', 'SDP: unsupported key method in "uri" (only inline)'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:not*base64', 'SDP: crypto key is not base64 for AES_CM_128_HMAC_SHA1_80'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhc', 'SDP: crypto key for AES_CM_128_HMAC_SHA1_80 has 21 bytes, expected 30'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^49', 'SDP: crypto key lifetime out of range for AES_CM_128_HMAC_SHA1_80'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:0', 'SDP: crypto MKI length out of range'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:129', 'SDP: crypto MKI length out of range'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|forever', 'SDP: bad crypto key-params "forever"'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|256:1', 'SDP: crypto MKI 256 does not fit in 1 bytes'],
    // Non-zero padding bits: Node would decode it, but it is not what base64 of any key looks like.
    ['3 AEAD_AES_128_GCM inline:o6Ojo6Ojo6Ojo6Ojo6Ojo6Ojo6Ojo6Ojo6OjoB==', 'SDP: crypto key is not base64 for AEAD_AES_128_GCM'],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2^20', 'SDP: bad crypto key-params "2^20"'],
  ];
  for (const [value, message] of bad) {
    it(`rejects "${value.slice(0, 60)}"`, () => {
      expect(() => parseCryptoAttribute(value)).toThrow(SdpCryptoError);
      expect(() => parseCryptoAttribute(value)).toThrow(message);
    });
  }

  it('checks key-params against the suite given', () => {
    expect(() => parseKeyParams('inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR', 'AEAD_AES_128_GCM')).toThrow('has 30 bytes, expected 28');
  });
});
