import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDtlsCertificate, verifyCertificateVerify, verifyServerKeyExchange } from '../../../main/media/dtls';
import { X509Certificate } from 'node:crypto';

/** A ServerKeyExchange body (RFC 8422 §5.4) signed with `key`: ECDHE params, sha256/ecdsa, signature. */
function serverKeyExchange(clientRandom: Buffer, serverRandom: Buffer, key: Parameters<typeof sign>[2]): Buffer {
  const point = Buffer.concat([Buffer.from([4]), randomBytes(64)]);
  const params = Buffer.concat([Buffer.from([3, 0, 23, point.length]), point]);
  const signature = sign('sha256', Buffer.concat([clientRandom, serverRandom, params]), key);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(signature.length);
  return Buffer.concat([params, Buffer.from([4, 3]), len, signature]);
}

describe('proof that the peer holds its certificate\'s key', () => {
  it('accepts a ServerKeyExchange signed by the certificate\'s key and refuses any other', async () => {
    const cert = await createDtlsCertificate();
    const der = new X509Certificate(cert.certPem).raw;
    const key = createPrivateKey(cert.keyPem);
    const cr = randomBytes(32);
    const sr = randomBytes(32);
    const good = serverKeyExchange(cr, sr, key);
    expect(verifyServerKeyExchange(good, cr, sr, der)).toBe(true);
    // replayed into another handshake (other client random): refused
    expect(verifyServerKeyExchange(good, randomBytes(32), sr, der)).toBe(false);
    // signed by someone else's key while presenting this certificate: refused
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    expect(verifyServerKeyExchange(serverKeyExchange(cr, sr, stranger), cr, sr, der)).toBe(false);
    // truncated, or with MD5 as its hash: refused
    expect(verifyServerKeyExchange(good.subarray(0, good.length - 1), cr, sr, der)).toBe(false);
    const md5 = Buffer.from(good);
    md5[4 + md5[3]!] = 1;
    expect(verifyServerKeyExchange(md5, cr, sr, der)).toBe(false);
  });

  it('accepts a CertificateVerify over the transcript and refuses a changed transcript', async () => {
    const cert = await createDtlsCertificate();
    const der = new X509Certificate(cert.certPem).raw;
    const transcript = randomBytes(700);
    const signature = sign('sha256', transcript, createPrivateKey(cert.keyPem));
    const body = Buffer.concat([Buffer.from([4, 3, signature.length >> 8, signature.length & 255]), signature]);
    expect(verifyCertificateVerify(body, transcript, der)).toBe(true);
    const changed = Buffer.from(transcript);
    changed[100]! ^= 1;
    expect(verifyCertificateVerify(body, changed, der)).toBe(false);
    expect(verifyCertificateVerify(Buffer.alloc(3), transcript, der)).toBe(false);
    expect(verifyCertificateVerify(body, transcript, Buffer.from('garbage'))).toBe(false);
  });
});
