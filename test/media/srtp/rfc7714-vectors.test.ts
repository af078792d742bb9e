import { describe, expect, it } from 'vitest';
import { SRTP_SUITES } from '../../../main/media/srtp/crypto-suite';
import type { SessionKeys } from '../../../main/media/srtp/key-derivation';
import { createTransform } from '../../../main/media/srtp/srtp-session';
import { hex } from './hex';

// RFC 7714 §16 and §17 give session keys, not master keys: the transform is driven directly.
const salt = hex('51 75 69 64 20 70 72 6f 20 71 75 6f');
const key128 = hex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f');
const key256 = hex(`00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f
                    10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f`);

function keys(key: Buffer): SessionKeys {
  const none = Buffer.alloc(0);
  return { srtpKey: key, srtpSalt: salt, srtpAuthKey: none, srtcpKey: key, srtcpSalt: salt, srtcpAuthKey: none };
}

// §16.1: RTP packet, SSRC 5501a0b2, sequence number f17b, ROC 0
const rtp = hex(`8040f17b 8041f8d3 5501a0b2 47616c6c
                 69612065 7374206f 6d6e6973 20646976
                 69736120 696e2070 61727465 73207472
                 6573`);

describe('RFC 7714 §16: SRTP with AEAD_AES_128_GCM and AEAD_AES_256_GCM', () => {
  const cases = [
    {
      suite: SRTP_SUITES.AEAD_AES_128_GCM,
      key: key128,
      srtp: hex(`8040f17b 8041f8d3 5501a0b2 f24de3a3
                 fb34de6c acba861c 9d7e4bca be633bd5
                 0d294e6f 42a5f47a 51c7d19b 36de3adf
                 8833899d 7f27beb1 6a9152cf 765ee439
                 0cce`),
    },
    {
      suite: SRTP_SUITES.AEAD_AES_256_GCM,
      key: key256,
      srtp: hex(`8040f17b 8041f8d3 5501a0b2 32b1de78
                 a822fe12 ef9f78fa 332e33aa b1801238
                 9a58e2f3 b50b2a02 76ffae0f 1ba63799
                 b87b7aa3 db36dfff d6b0f9bb 7878d7a7
                 6c13`),
    },
  ];
  for (const { suite, key, srtp } of cases) {
    it(`${suite.name}: encrypts the packet to the RFC's bytes and back`, () => {
      const t = createTransform(suite, keys(key));
      expect(t.protectRtp(rtp, 12, 0x5501a0b2, 0xf17b)).toEqual(srtp);
      expect(t.unprotectRtp(srtp, 12, 0x5501a0b2, 0xf17b)).toEqual(rtp);
    });

    it(`${suite.name}: refuses the packet with one bit of tag or header changed, or another ROC`, () => {
      const t = createTransform(suite, keys(key));
      const badTag = Buffer.from(srtp);
      badTag[badTag.length - 1]! ^= 1;
      expect(t.unprotectRtp(badTag, 12, 0x5501a0b2, 0xf17b)).toBeUndefined();
      const badHeader = Buffer.from(srtp);
      badHeader[1]! ^= 0x80; // the marker bit is in the AAD
      expect(t.unprotectRtp(badHeader, 12, 0x5501a0b2, 0xf17b)).toBeUndefined();
      expect(t.unprotectRtp(srtp, 12, 0x5501a0b2, 0x1f17b)).toBeUndefined();
    });
  }
});

describe('RFC 7714 §17: SRTCP with AEAD', () => {
  // §17.1: RTCP packet, SSRC "Mars" (4d617273), SRTCP index 000005d4
  const rtcp = hex(`81c8000d 4d617273 4e545031 4e545032
                    52545020 0000042a 0000e930 4c756e61
                    deadbeef deadbeef deadbeef deadbeef
                    deadbeef`);

  it('AEAD_AES_128_GCM: encrypts with E set to the RFC bytes and back', () => {
    const srtcp = hex(`81c8000d 4d617273 63e94885 dcdab67c
                       a727d766 2f6b7e99 7ff5c0f7 6c06f32d
                       c676a5f1 730d6fda 4ce09b46 86303ded
                       0bb9275b c84aa458 96cf4d2f c5abf872
                       45d9eade 800005d4`);
    const t = createTransform(SRTP_SUITES.AEAD_AES_128_GCM, keys(key128));
    expect(t.protectRtcp(rtcp, 0x4d617273, 0x5d4, true)).toEqual(srtcp);
    expect(t.unprotectRtcp(srtcp, 0x4d617273, 0x5d4, true)).toEqual(rtcp);
    const bad = Buffer.from(srtcp);
    bad[bad.length - 1]! ^= 1; // the index is in the AAD
    expect(t.unprotectRtcp(bad, 0x4d617273, 0x5d5, true)).toBeUndefined();
  });

  it('AEAD_AES_256_GCM: decrypts the RFC bytes', () => {
    const srtcp = hex(`81c8000d 4d617273 d50ae4d1 f5ce5d30
                       4ba297e4 7d470c28 2c3ece5d bffe0a50
                       a2eaa5c1 110555be 8415f658 c61de047
                       6f1b6fad 1d1eb30c 4446839f 57ff6f6c
                       b26ac3be 800005d4`);
    const t = createTransform(SRTP_SUITES.AEAD_AES_256_GCM, keys(key256));
    expect(t.unprotectRtcp(srtcp, 0x4d617273, 0x5d4, true)).toEqual(rtcp);
    expect(t.protectRtcp(rtcp, 0x4d617273, 0x5d4, true)).toEqual(srtcp);
  });

  it('without E the packet stays in the clear and is still authenticated', () => {
    const t = createTransform(SRTP_SUITES.AEAD_AES_128_GCM, keys(key128));
    const srtcp = t.protectRtcp(rtcp, 0x4d617273, 0x5d4, false);
    expect(srtcp.subarray(0, rtcp.length)).toEqual(rtcp);
    expect(srtcp.readUInt32BE(srtcp.length - 4)).toBe(0x5d4);
    expect(t.unprotectRtcp(srtcp, 0x4d617273, 0x5d4, false)).toEqual(rtcp);
    const bad = Buffer.from(srtcp);
    bad[20]! ^= 1;
    expect(t.unprotectRtcp(bad, 0x4d617273, 0x5d4, false)).toBeUndefined();
  });
});
