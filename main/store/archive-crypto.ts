import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ArchiveError } from './archive-errors';
import type { ScryptParams } from './archive-format';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const CHECK_CONTEXT = 'litesip-archive-check';
const CHECK_TEXT = 'LiteSIP archive passphrase check';

/** Fresh scrypt parameters for an export (RFC 7914; N = 2^15 costs 32 MiB and ~0.1 s). */
export function newScryptParams(): ScryptParams {
  return { name: 'scrypt', salt: randomBytes(16).toString('base64'), N: 32_768, r: 8, p: 1 };
}

export function deriveArchiveKey(passphrase: string, params: ScryptParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  });
}

/** `iv | tag | ciphertext`, base64; `context` (the secret's name) is the additional data. */
export function sealForArchive(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Throws an ArchiveError naming the secret when it does not open. */
export function openFromArchive(key: Buffer, sealed: string, context: string): string {
  const blob = Buffer.from(sealed, 'base64');
  if (blob.length < IV_BYTES + TAG_BYTES) throw new ArchiveError('corrupt', `The archive is damaged (secret "${context}" is cut short).`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new ArchiveError('corrupt', `The archive is damaged (secret "${context}" does not open).`);
  }
}

export function sealCheck(key: Buffer): string {
  return sealForArchive(key, CHECK_TEXT, CHECK_CONTEXT);
}

/** A check that does not open means the passphrase is wrong (the manifest itself parsed). */
export function verifyCheck(key: Buffer, sealed: string): void {
  let text: string;
  try {
    text = openFromArchive(key, sealed, CHECK_CONTEXT);
  } catch {
    throw new ArchiveError('passphrase', 'Wrong passphrase for this archive.');
  }
  if (text !== CHECK_TEXT) throw new ArchiveError('passphrase', 'Wrong passphrase for this archive.');
}
