import { describe, expect, it } from 'vitest';
import { SRTP_SUITES, SrtpSession } from '../../../main/media/srtp';
import { deriveSessionKeys } from '../../../main/media/srtp/key-derivation';
import { hex } from './hex';

describe('RFC 6188 §7.2: AES-256 key derivation', () => {
  it('derives the session encryption key, salt and auth key', () => {
    const keys = deriveSessionKeys(
      SRTP_SUITES.AES_256_CM_HMAC_SHA1_80,
      hex('f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6'),
      hex('3b04803de51ee7c96423ab5b78d2'),
    );
    expect(keys.srtpKey).toEqual(hex('5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4'));
    expect(keys.srtpSalt).toEqual(hex('fa31791685ca444a9e07c6c64e93'));
    expect(keys.srtpAuthKey).toEqual(hex('fd9c32d39ed5fbb5a9dc96b30818454d1313dc05'));
  });
});

// The packets libsrtp's own validation uses (srtp_validate), which every SRTP stack checks against:
// SSRC cafebabe, sequence number 1234, 16 octets of 0xab.
describe('libsrtp validation packets', () => {
  const plain = hex('800f1234decafbadcafebabe' + 'ab'.repeat(16));

  it('AES_CM_128_HMAC_SHA1_80 with the RFC 3711 B.3 master key', () => {
    const options = { suite: 'AES_CM_128_HMAC_SHA1_80' as const, masterKey: hex('e1f97a0d3e018be0d64fa32c06de4139'), masterSalt: hex('0ec675ad498afeebb6960b3aabe6') };
    const srtp = hex('800f1234decafbadcafebabe 4e55dc4ce79978d88ca4d215949d2402 b78d6acc99ea179b8dbb');
    const tx = new SrtpSession(options);
    const r = tx.protectRtp(plain);
    expect(r.ok && r.packet).toEqual(srtp);
    const back = new SrtpSession(options).unprotectRtp(srtp);
    expect(back.ok && back.packet).toEqual(plain);
  });

  it('AES_256_CM_HMAC_SHA1_80 with the RFC 6188 master key', () => {
    const options = {
      suite: 'AES_256_CM_HMAC_SHA1_80' as const,
      masterKey: hex('f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6'),
      masterSalt: hex('3b04803de51ee7c96423ab5b78d2'),
    };
    const srtp = hex('800f1234decafbadcafebabe f1d9de17ff251ff1aa007774b0b4b40d a08d9d9a5b3a55d8873b');
    const r = new SrtpSession(options).protectRtp(plain);
    expect(r.ok && r.packet).toEqual(srtp);
    const back = new SrtpSession(options).unprotectRtp(srtp);
    expect(back.ok && back.packet).toEqual(plain);
  });
});
