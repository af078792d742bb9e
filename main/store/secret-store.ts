import type { Database } from 'better-sqlite3';
import { SecretDecryptError, SecretKeyFileError } from './secret-errors';

/**
 * Where passwords and private keys live. Synchronous on purpose: it matches Electron's
 * `safeStorage.encryptString/decryptString` and better-sqlite3, so a secret is written in the
 * same transaction as the row that owns it.
 */
export interface SecretStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** True when there was a secret under `key`. */
  delete(key: string): boolean;
}

/**
 * Seals and opens one secret. The desktop app implements it with `safeStorage`
 * (`encrypt: (s) => safeStorage.encryptString(s)`, `decrypt: (b) => safeStorage.decryptString(b)`);
 * headless mode uses FileKeyCipher. `context` is the secret's key, bound into the ciphertext
 * where the cipher can (AES-GCM additional data) so rows cannot be swapped.
 */
export interface SecretCipher {
  /** Stored next to each ciphertext, so a store sealed by another cipher is recognised. */
  readonly name: string;
  encrypt(plain: string, context: string): Buffer;
  /** Throws when the blob was not sealed by this cipher's key (or was damaged). */
  decrypt(blob: Buffer, context: string): string;
}

/** A sealed secret as it sits in the table (export carries these, re-sealed). */
export interface SealedSecret {
  key: string;
  cipher: string;
  value: Buffer;
}

/** Secrets as ciphertexts in the `secrets` table (migration 0040), sealed by a SecretCipher. */
export class CipherSecretStore implements SecretStore {
  private readonly selectOne;
  private readonly selectKeys;
  private readonly upsert;
  private readonly deleteOne;

  constructor(
    db: Database,
    readonly cipher: SecretCipher,
  ) {
    this.selectOne = db.prepare<[string], { cipher: string; value: Buffer }>('SELECT cipher, value FROM secrets WHERE key = ?');
    this.selectKeys = db.prepare<[], { key: string }>('SELECT key FROM secrets ORDER BY key');
    this.upsert = db.prepare<[string, string, Buffer, number]>(
      `INSERT INTO secrets (key, cipher, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET cipher = excluded.cipher, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare<[string]>('DELETE FROM secrets WHERE key = ?');
  }

  get(key: string): string | undefined {
    const row = this.selectOne.get(key);
    if (!row) return undefined;
    if (row.cipher !== this.cipher.name) {
      throw new SecretDecryptError(key, `The secret "${key}" was sealed by ${row.cipher}, not ${this.cipher.name}; set it again.`);
    }
    try {
      return this.cipher.decrypt(row.value, key);
    } catch (err) {
      if (err instanceof SecretDecryptError || err instanceof SecretKeyFileError) throw err;
      throw new SecretDecryptError(key, `The secret "${key}" cannot be opened with this key (${(err as Error).message}); set it again.`);
    }
  }

  set(key: string, value: string): void {
    this.upsert.run(key, this.cipher.name, this.cipher.encrypt(value, key), Date.now());
  }

  delete(key: string): boolean {
    return this.deleteOne.run(key).changes === 1;
  }

  keys(): string[] {
    return this.selectKeys.all().map((r) => r.key);
  }
}
