import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopSecretCipher, SafeStorageCipher, type SafeStorageLike } from '../../main/shell/safe-storage-cipher';
import { openStore, SecretDecryptError } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

/** A stand-in keychain: XOR with a key, so the sealed bytes differ from the text. */
function keychain(backend = 'gnome_libsecret', available = true): SafeStorageLike & { sealed: number } {
  const key = 0x5a;
  const fake = {
    sealed: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => {
      fake.sealed++;
      return Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ key));
    },
    decryptString: (b: Buffer) => {
      if (b.length === 0) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(b.map((x) => x ^ key)).toString('utf8');
    },
  };
  return fake;
}

describe('SafeStorageCipher', () => {
  it('seals account passwords through the keychain; the database holds no plain text and no key file is made', () => {
    const dir = tempDir();
    const safe = keychain();
    const store = openStore(dir, { secretCipher: desktopSecretCipher(safe, dir) });
    store.accounts.add({ aor: 'sip:alice@example.com', password: 'Canary-Secret-9' });
    expect(safe.sealed).toBe(1);
    expect(store.accounts.enabledWithSecrets()[0]?.password).toBe('Canary-Secret-9');
    const row = store.db.prepare('SELECT cipher, value FROM secrets').get() as { cipher: string; value: Buffer };
    expect(row.cipher).toBe('electron-safe-storage');
    expect(row.value.toString('utf8')).not.toContain('Canary-Secret-9');
    store.close();
    expect(fs.existsSync(path.join(dir, 'secrets.key'))).toBe(false);
  });

  it('refuses a sealed value moved under another key, and names a keychain failure', () => {
    const cipher = new SafeStorageCipher(keychain());
    const blob = cipher.encrypt('pw', 'account:1:password');
    expect(cipher.decrypt(blob, 'account:1:password')).toBe('pw');
    expect(() => cipher.decrypt(blob, 'account:2:password')).toThrow(SecretDecryptError);
    expect(() => cipher.decrypt(Buffer.alloc(0), 'account:1:password')).toThrow(/keychain/);
  });

  it('falls back to the 0600 key file where safeStorage would use a fixed key or none', () => {
    expect(desktopSecretCipher(keychain('basic_text'), tempDir()).name).toBe('file-aes-256-gcm');
    expect(desktopSecretCipher(keychain('gnome_libsecret', false), tempDir()).name).toBe('file-aes-256-gcm');
    expect(desktopSecretCipher(keychain('kwallet5'), tempDir()).name).toBe('electron-safe-storage');
  });
});
