import { describe, expect, it } from 'vitest';
import { AesCm } from '../../../main/media/srtp/aes-cm';
import { SRTP_SUITES } from '../../../main/media/srtp/crypto-suite';
import { deriveKey, deriveSessionKeys, LABEL } from '../../../main/media/srtp/key-derivation';
import { hex } from './hex';

describe('RFC 3711 Appendix B.2: AES-CM test vectors', () => {
  const sessionKey = hex('2B7E151628AED2A6ABF7158809CF4F3C');
  // Session Salt:     F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000 (already shifted)
  const offset = hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000');

  it('gives the first keystream blocks of the table', () => {
    const ks = new AesCm(sessionKey).keystream(offset, 48);
    expect(ks).toEqual(
      hex(`E03EAD0935C95E80E166B16DD92B4EB4
           D23513162B02D0F72A43A2FE4A5F97AB
           41E95B3BB0A2E8DD477901E4FCA894C0`),
    );
  });

  it('gives the last blocks of the 1044512-octet segment (65282 AES blocks)', () => {
    const ks = new AesCm(sessionKey).keystream(offset, 1044512);
    expect(ks.length).toBe(1044512);
    // F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF   EC8CDF7398607CB0F2D21675EA9EA1E4
    // F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF00   362B7C3C6773516318A077D7FC5073AE
    // F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF01   6A2CC3787889374FBEB4C81B17BA6C44
    expect(ks.subarray(ks.length - 48)).toEqual(
      hex(`EC8CDF7398607CB0F2D21675EA9EA1E4
           362B7C3C6773516318A077D7FC5073AE
           6A2CC3787889374FBEB4C81B17BA6C44`),
    );
  });

  it('XOR with the keystream is its own inverse, also in place', () => {
    const cm = new AesCm(sessionKey);
    const plain = Buffer.from('attack at dawn, and bring the 172-byte packets along');
    const enc = Buffer.alloc(plain.length);
    cm.xor(offset, plain, 0, enc, 0, plain.length);
    expect(enc).not.toEqual(plain);
    cm.xor(offset, enc, 0, enc, 0, enc.length);
    expect(enc).toEqual(plain);
  });
});

describe('RFC 3711 Appendix B.3: key derivation test vectors', () => {
  const masterKey = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
  const masterSalt = hex('0EC675AD498AFEEBB6960B3AABE6');

  it('derives the cipher key, cipher salt and auth key', () => {
    const keys = deriveSessionKeys(SRTP_SUITES.AES_CM_128_HMAC_SHA1_80, masterKey, masterSalt);
    expect(keys.srtpKey).toEqual(hex('C61E7A93744F39EE10734AFE3FF7A087')); // cipher key
    expect(keys.srtpSalt).toEqual(hex('30CBBC08863D8C85D49DB34A9AE1')); // cipher salt
    expect(keys.srtpAuthKey).toEqual(hex('CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4'));
  });

  it('derives the whole 94-octet auth key of the walk-through', () => {
    const auth = deriveKey(new AesCm(masterKey), masterSalt, LABEL.srtpAuth, 94);
    expect(auth).toEqual(
      hex(`CEBE321F6FF7716B6FD4AB49AF256A15
           6D38BAA48F0A0ACF3C34E2359E6CDBCE
           E049646C43D9327AD175578EF7227098
           6371C10C9A369AC2F94A8C5FBCDDDC25
           6D6E919A48B610EF17C2041E47403576
           6B68642C59BBFC2F34DB60DBDFB2`),
    );
  });

  it('refuses master keys of the wrong length', () => {
    expect(() => deriveSessionKeys(SRTP_SUITES.AES_CM_128_HMAC_SHA1_80, masterKey.subarray(1), masterSalt)).toThrow(/16-octet master key/);
    expect(() => deriveSessionKeys(SRTP_SUITES.AEAD_AES_128_GCM, masterKey, masterSalt)).toThrow(/12-octet master salt/);
  });
});
