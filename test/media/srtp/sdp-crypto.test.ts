import { describe, expect, it } from 'vitest';
import { sessionOptionsFromSdpCrypto, SrtpSession } from '../../../main/media/srtp';
import { parseCryptoAttribute } from '../../../main/sdp';

describe('SrtpSession options from main/sdp crypto attributes', () => {
  const KEY = 'WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz';

  it('splits key and salt by the suite and keeps lifetime, MKI and UNENCRYPTED_SRTCP', () => {
    const attribute = parseCryptoAttribute(`1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}|2^20|1:4 UNENCRYPTED_SRTCP`);
    const r = sessionOptionsFromSdpCrypto(attribute);
    if (!r.ok) throw r.error;
    expect(r.value).toMatchObject({ suite: 'AES_CM_128_HMAC_SHA1_32', lifetime: 2 ** 20, encryptRtcp: false, mki: Buffer.from([0, 0, 0, 1]) });
    expect(r.value.masterKey.length).toBe(16);
    expect(r.value.masterSalt.length).toBe(14);
    expect(() => new SrtpSession(r.value)).not.toThrow();
  });

  it('refuses a suite we do not speak and a session parameter we cannot honour', () => {
    const unknown = sessionOptionsFromSdpCrypto({ tag: 1, suite: 'F8_128_HMAC_SHA1_80', keys: [], rawKeyParams: 'inline:x', sessionParams: [] });
    expect(unknown.ok ? '' : unknown.error.reason).toBe('suite');
    const kdr = sessionOptionsFromSdpCrypto(parseCryptoAttribute(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} KDR=10`));
    expect(kdr.ok ? '' : kdr.error.reason).toBe('session-param');
  });
});
