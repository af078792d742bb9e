import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SecretDecryptError, SecretKeyFileError } from './secret-errors';
import type { SecretCipher } from './secret-store';

export const SECRET_KEY_FILE = 'secrets.key';
const KEY_HEADER = 'litesip-secret-key-v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 1;

/**
 * AES-256-GCM under a random key kept in `secrets.key` (mode 0600) in the data folder: the
 * headless stand-in for the desktop keychain. The key file is made on the first secret
 * written; reading a secret without it is a SecretKeyFileError. A blob is
 * `format(1) | iv(12) | tag(16) | ciphertext`, with the secret's key as additional data.
 */
export class FileKeyCipher implements SecretCipher {
  readonly name = 'file-aes-256-gcm';
  private key: Buffer | undefined;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRET_KEY_FILE);
  }

  encrypt(plain: string, context: string): Buffer {
    const key = this.loadKey(true);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer, context: string): string {
    const key = this.loadKey(false);
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== FORMAT) {
      throw new SecretDecryptError(context, `The secret "${context}" is damaged (unknown format).`);
    }
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptError(context, `The secret "${context}" does not open with ${this.file} (wrong key or damaged data); set it again.`);
    }
  }

  private loadKey(create: boolean): Buffer {
    if (this.key) return this.key;
    if (create && !fs.existsSync(this.file)) this.writeNewKey();
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new SecretKeyFileError(this.file, missing ? `The secret key file ${this.file} is missing; stored passwords cannot be read.` : `Cannot read ${this.file}: ${(err as Error).message}`);
    }
    const key = text.startsWith(KEY_HEADER) ? Buffer.from(text.slice(KEY_HEADER.length).trim(), 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) throw new SecretKeyFileError(this.file, `${this.file} is not a LiteSIP secret key file; it was not changed.`);
    // Someone loosened it: only its owner may read the key.
    if (process.platform !== 'win32' && (fs.statSync(this.file).mode & 0o077) !== 0) fs.chmodSync(this.file, 0o600);
    this.key = key;
    return key;
  }

  private writeNewKey(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    try {
      // 'wx': never overwrite a key another process just made.
      fs.writeFileSync(this.file, `${KEY_HEADER}${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new SecretKeyFileError(this.file, `Cannot create ${this.file}: ${(err as Error).message}`);
    }
  }
}
