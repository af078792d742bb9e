import { describe, expect, it } from 'vitest';
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80, RtpHeader, SrtcpSession, SrtpSession as WeriftSrtp } from 'werift';
import { SrtpSession, type SrtpResult } from '../../../main/media/srtp';
import { hex } from './hex';
import { rtcpReceiverReport, rtpPacket } from './packets';

// werift is an independent implementation: agreeing with it both ways checks key derivation,
// IV, tag and trailer layout beyond the RFC vectors.
const key = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
const salt14 = hex('0EC675AD498AFEEBB6960B3AABE6');

function ok(r: SrtpResult): Buffer {
  if (!r.ok) throw r.error;
  return r.packet;
}

const cases = [
  { suite: 'AES_CM_128_HMAC_SHA1_80', profile: ProtectionProfileAes128CmHmacSha1_80, salt: salt14 },
  { suite: 'AEAD_AES_128_GCM', profile: ProtectionProfileAeadAes128Gcm, salt: salt14.subarray(0, 12) },
] as const;

describe('SRTP interop with werift', () => {
  for (const { suite, profile, salt } of cases) {
    const keys = { localMasterKey: key, localMasterSalt: salt, remoteMasterKey: key, remoteMasterSalt: salt };

    it(`${suite}: werift decrypts what we protect, and we unprotect what werift encrypts`, () => {
      const ours = new SrtpSession({ suite, masterKey: key, masterSalt: salt });
      const theirs = new WeriftSrtp({ keys, profile });
      const oursRx = new SrtpSession({ suite, masterKey: key, masterSalt: salt });
      for (const seq of [100, 101, 102]) {
        const plain = rtpPacket(seq);
        expect(theirs.decrypt(ok(ours.protectRtp(plain)))).toEqual(plain);
        const header = RtpHeader.deSerialize(plain);
        const fromWerift = theirs.encrypt(plain.subarray(12), header);
        expect(ok(oursRx.unprotectRtp(fromWerift))).toEqual(plain);
      }
    });

    it(`${suite}: SRTCP both ways`, () => {
      const ours = new SrtpSession({ suite, masterKey: key, masterSalt: salt });
      const oursRx = new SrtpSession({ suite, masterKey: key, masterSalt: salt });
      const theirs = new SrtcpSession({ keys, profile });
      const rtcp = rtcpReceiverReport();
      expect(theirs.decrypt(ok(ours.protectRtcp(rtcp)))).toEqual(rtcp);
      expect(ok(oursRx.unprotectRtcp(theirs.encrypt(rtcp)))).toEqual(rtcp);
    });
  }
});
