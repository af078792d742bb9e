import { createLocalSession, type CodecName, type Fingerprint, type LocalMediaOptions, type SrtpMode } from '../../main/sdp';

export const ALICE_FP: Fingerprint = {
  algorithm: 'sha-256',
  value: '45:9C:2B:F3:95:33:D0:66:5F:A2:FA:EB:18:B8:A6:45:99:ED:98:39:A8:EB:F8:0F:9A:A0:83:76:16:35:9E:75',
};
export const BOB_FP: Fingerprint = {
  algorithm: 'sha-256',
  value: '99:A3:4E:B8:B3:28:3B:C0:C3:59:DF:1E:EA:F2:F7:DB:35:98:E5:AE:FE:3F:45:41:63:25:30:64:8E:30:C7:4B',
};

export const ALICE_TLS_ID = 'alice-tls-id-0123456789';
export const BOB_TLS_ID = 'bob-tls-id-0123456789ab';

/** Fixed keys so that assertions can name them. */
export const ALICE_KEYS = {
  AES_CM_128_HMAC_SHA1_80: Buffer.alloc(30, 0xa1),
  AES_CM_128_HMAC_SHA1_32: Buffer.alloc(30, 0xa2),
  AEAD_AES_128_GCM: Buffer.alloc(28, 0xa3),
};
export const BOB_KEYS = {
  AES_CM_128_HMAC_SHA1_80: Buffer.alloc(30, 0xb1),
  AES_CM_128_HMAC_SHA1_32: Buffer.alloc(30, 0xb2),
  AEAD_AES_128_GCM: Buffer.alloc(28, 0xb3),
};

export function alice(srtp: SrtpMode = 'off', codecs?: CodecName[], extra: Partial<LocalMediaOptions> = {}): LocalMediaOptions {
  return { address: '192.0.2.10', port: 40000, srtp, keys: ALICE_KEYS, fingerprint: ALICE_FP, ...(codecs && { codecs }), ...extra };
}

export function bob(srtp: SrtpMode = 'off', codecs?: CodecName[], extra: Partial<LocalMediaOptions> = {}): LocalMediaOptions {
  return { address: '198.51.100.20', port: 50000, srtp, keys: BOB_KEYS, fingerprint: BOB_FP, ...(codecs && { codecs }), ...extra };
}

export const aliceSession = (): ReturnType<typeof createLocalSession> => createLocalSession('192.0.2.10', { sessionId: '1001', username: 'alice', tlsId: ALICE_TLS_ID });
export const bobSession = (): ReturnType<typeof createLocalSession> => createLocalSession('198.51.100.20', { sessionId: '2002', username: 'bob', tlsId: BOB_TLS_ID });
