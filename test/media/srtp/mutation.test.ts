import { describe, expect, it } from 'vitest';
import { SrtpSession, type SrtpSuiteName } from '../../../main/media/srtp';
import { hex } from './hex';
import { rtcpReceiverReport, rtpPacket } from './packets';

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('SRTP against mutated packets', () => {
  for (const suite of ['AES_CM_128_HMAC_SHA1_32', 'AEAD_AES_128_GCM'] as SrtpSuiteName[]) {
    it(`${suite}: any changed octet or cut is refused as a value, never thrown, never accepted`, () => {
      const options = { suite, masterKey: hex('E1F97A0D3E018BE0D64FA32C06DE4139'), masterSalt: hex('0EC675AD498AFEEBB6960B3AABE6').subarray(0, suite.startsWith('AEAD') ? 12 : 14) };
      const tx = new SrtpSession(options);
      const rx = new SrtpSession(options);
      const random = xorshift(42);
      for (let n = 0; n < 300; n++) {
        const rtp = tx.protectRtp(rtpPacket(n, 0x1234, 20));
        const rtcp = tx.protectRtcp(rtcpReceiverReport(0x1234));
        if (!rtp.ok || !rtcp.ok) throw new Error('protect failed');
        for (const [packet, unprotect] of [
          [rtp.packet, (p: Buffer) => rx.unprotectRtp(p)],
          [rtcp.packet, (p: Buffer) => rx.unprotectRtcp(p)],
        ] as const) {
          const bad = Buffer.from(packet);
          if (random() < 0.3) {
            const cut = bad.subarray(0, Math.floor(random() * bad.length));
            expect(unprotect(cut).ok).toBe(false);
          } else {
            const at = Math.floor(random() * bad.length);
            bad[at]! ^= 1 + Math.floor(random() * 255);
            const r = unprotect(bad);
            expect(r.ok).toBe(false);
          }
          expect(unprotect(packet).ok).toBe(true);
        }
      }
    });
  }
});
