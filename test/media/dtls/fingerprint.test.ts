import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateFingerprint, createDtlsCertificate, matchesFingerprints, sharedDtlsCertificate } from '../../../main/media/dtls';

describe('DTLS certificate and a=fingerprint (RFC 8122 §5)', () => {
  it('writes the hash of the DER certificate as upper case hex pairs joined by colons', () => {
    const der = Buffer.from('not really a certificate');
    const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
    const fp = certificateFingerprint(der);
    expect(fp.algorithm).toBe('sha-256');
    expect(fp.value).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fp.value.replaceAll(':', '')).toBe(hex);
    expect(certificateFingerprint(der, 'SHA-1').value.split(':')).toHaveLength(20);
    expect(() => certificateFingerprint(der, 'md5')).toThrow(RangeError);
  });

  it('makes a self-signed ECDSA P-256 certificate whose fingerprint is what OpenSSL would print', async () => {
    const cert = await createDtlsCertificate();
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.publicKey.asymmetricKeyType).toBe('ec');
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(cert.fingerprint).toEqual({ algorithm: 'sha-256', value: x509.fingerprint256 });
    expect(cert.signatureHash).toEqual({ hash: 4, signature: 3 }); // sha256, ecdsa (RFC 5246 §7.4.1.4.1)
  });

  it('shares one certificate per engine run, and fresh ones differ', async () => {
    expect(await sharedDtlsCertificate()).toBe(await sharedDtlsCertificate());
    const [a, b] = await Promise.all([createDtlsCertificate(), createDtlsCertificate()]);
    expect(a.fingerprint.value).not.toBe(b.fingerprint.value);
  });

  it('matches against the peer\'s fingerprints with the strongest hash it sent', async () => {
    const der = new X509Certificate((await createDtlsCertificate()).certPem).raw;
    const s256 = certificateFingerprint(der, 'sha-256');
    const s1 = certificateFingerprint(der, 'sha-1');
    const other = certificateFingerprint(Buffer.from('other'), 'sha-256');
    expect(matchesFingerprints(der, [s256])).toBe(true);
    expect(matchesFingerprints(der, [{ algorithm: 'SHA-256', value: s256.value.toLowerCase() }])).toBe(true);
    expect(matchesFingerprints(der, [other, s256])).toBe(true);
    expect(matchesFingerprints(der, [other])).toBe(false);
    // sha-256 is preferred over sha-1: a right sha-1 does not rescue a wrong sha-256
    expect(matchesFingerprints(der, [s1, other])).toBe(false);
    expect(matchesFingerprints(der, [s1])).toBe(true);
    expect(matchesFingerprints(der, [{ algorithm: 'md5', value: 'AA:BB' }])).toBe(false);
    expect(matchesFingerprints(der, [])).toBe(false);
  });
});
