import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha1 } from '../../../main/media/srtp/hmac-sha1';
import { hex } from './hex';

describe('HmacSha1', () => {
  it('gives the RFC 2202 HMAC-SHA1 test case digests', () => {
    // test_case 1, 2, 3 and 6
    const cases = [
      { key: hex('0b'.repeat(20)), data: Buffer.from('Hi There'), digest: 'b617318655057264e28bc0b6fb378c8ef146be00' },
      { key: Buffer.from('Jefe'), data: Buffer.from('what do ya want for nothing?'), digest: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
      { key: hex('aa'.repeat(20)), data: hex('dd'.repeat(50)), digest: '125d7342b9ac11cd91a39af48aa17b4f63f175d3' },
      { key: hex('aa'.repeat(80)), data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'), digest: 'aa4ae5e15272d00e95705637ce8a3b55ed402112' },
    ];
    for (const c of cases) expect(Buffer.from(new HmacSha1(c.key).mac(c.data, c.data.length)).toString('hex')).toBe(c.digest);
  });

  it('agrees with node:crypto for every length across the block and padding edges, with and without the ROC suffix', () => {
    const key = randomBytes(20);
    const mac = new HmacSha1(key);
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length + 3);
      expect(Buffer.from(mac.mac(data, length))).toEqual(createHmac('sha1', key).update(data.subarray(0, length)).digest());
      const roc = Buffer.from([0x80, 0x01, 0x02, 0xff]);
      expect(Buffer.from(mac.mac(data, length, 0x800102ff))).toEqual(createHmac('sha1', key).update(data.subarray(0, length)).update(roc).digest());
    }
  });
});
