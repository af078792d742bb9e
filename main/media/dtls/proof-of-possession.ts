import { verify, X509Certificate } from 'node:crypto';

/** RFC 5246 §7.4.1.4.1 HashAlgorithm codes and node:crypto's names; MD5 is not accepted. */
const HASH_NAMES: Readonly<Record<number, string>> = { 2: 'sha1', 3: 'sha224', 4: 'sha256', 5: 'sha384', 6: 'sha512' };
/** RFC 5246 §7.4.1.4.1 SignatureAlgorithm: rsa(1) and ecdsa(3) are what a certificate here can hold. */
const SIGNATURES = new Set([1, 3]);

/** A digitally-signed struct (RFC 5246 §4.7): algorithm pair, then a 16-bit length and the signature. */
function readSigned(body: Uint8Array, offset: number): { hash: string; signature: Buffer } | undefined {
  if (body.length < offset + 4) return undefined;
  const hash = HASH_NAMES[body[offset]!];
  if (!hash || !SIGNATURES.has(body[offset + 1]!)) return undefined;
  const length = (body[offset + 2]! << 8) | body[offset + 3]!;
  if (body.length !== offset + 4 + length) return undefined;
  return { hash, signature: Buffer.from(body.subarray(offset + 4)) };
}

function checks(data: Buffer, signed: { hash: string; signature: Buffer }, certificateDer: Uint8Array): boolean {
  try {
    return verify(signed.hash, data, new X509Certificate(Buffer.from(certificateDer)).publicKey, signed.signature);
  } catch {
    return false;
  }
}

/**
 * RFC 8422 §5.4: the server signs client_random + server_random + ServerECDHParams with its
 * certificate's key, so a certificate copied from elsewhere is useless without that key.
 */
export function verifyServerKeyExchange(body: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, certificateDer: Uint8Array): boolean {
  // ServerECDHParams: curve_type named_curve(3), a 16-bit curve, an 8-bit length and the point
  if (body.length < 4 || body[0] !== 3) return false;
  const paramsLength = 4 + body[3]!;
  const signed = readSigned(body, paramsLength);
  if (!signed) return false;
  return checks(Buffer.concat([clientRandom, serverRandom, body.subarray(0, paramsLength)]), signed, certificateDer);
}

/**
 * RFC 5246 §7.4.8: the client signs every handshake message before CertificateVerify
 * (RFC 6347 §4.2.6: with their DTLS handshake headers), proving it holds the certificate's key.
 */
export function verifyCertificateVerify(body: Uint8Array, transcript: Uint8Array, certificateDer: Uint8Array): boolean {
  const signed = readSigned(body, 0);
  if (!signed) return false;
  return checks(Buffer.from(transcript), signed, certificateDer);
}
