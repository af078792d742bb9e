import { X509Certificate } from 'node:crypto';
import { createSelfSignedCertificate, HashAlgorithm, NamedCurveAlgorithm, SignatureAlgorithm, type SignatureHash } from 'werift';
import type { Fingerprint } from '../../sdp';
import { certificateFingerprint } from './fingerprint';

/** Our DTLS identity: a self-signed certificate, its key, and the fingerprint we put in SDP. */
export interface DtlsCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** TLS 1.2 SignatureAndHashAlgorithm of the key (RFC 5246 §7.4.1.4.1), as werift wants it. */
  readonly signatureHash: SignatureHash;
  /** RFC 8122 §5: sha-256 of the DER certificate, for a=fingerprint. */
  readonly fingerprint: Fingerprint;
}

/**
 * A fresh ECDSA P-256 certificate (RFC 5763 §5: self-signed is fine, the SDP fingerprint
 * binds it to the call), with ECDSA P-256 as WebRTC endpoints use (RFC 8827 §6.5).
 */
export async function createDtlsCertificate(): Promise<DtlsCertificate> {
  const made = await createSelfSignedCertificate(
    { signature: SignatureAlgorithm.ecdsa_3, hash: HashAlgorithm.sha256_4 },
    NamedCurveAlgorithm.secp256r1_23,
  );
  const der = new X509Certificate(made.certPem).raw;
  return { certPem: made.certPem, keyPem: made.keyPem, signatureHash: made.signatureHash, fingerprint: certificateFingerprint(der) };
}

let shared: Promise<DtlsCertificate> | undefined;

/** One certificate for the whole run of the engine, made on first use. */
export function sharedDtlsCertificate(): Promise<DtlsCertificate> {
  shared ??= createDtlsCertificate().catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  return shared;
}
