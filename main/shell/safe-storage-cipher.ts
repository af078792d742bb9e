import { FileKeyCipher, SecretDecryptError, type SecretCipher } from '../store';

/** The part of Electron's `safeStorage` the cipher uses (structural, so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: which keyring backs it; `basic_text` means a fixed key, no real protection. */
  getSelectedStorageBackend?(): string;
}

/**
 * Secrets sealed by the OS keychain through Electron's safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux). safeStorage has no additional data, so the secret's key
 * goes inside the sealed text and is checked on opening: a row moved under another key does
 * not open.
 */
export class SafeStorageCipher implements SecretCipher {
  readonly name = 'electron-safe-storage';

  constructor(private readonly safe: SafeStorageLike) {}

  encrypt(plain: string, context: string): Buffer {
    return this.safe.encryptString(`${context.length}:${context}${plain}`);
  }

  decrypt(blob: Buffer, context: string): string {
    let text: string;
    try {
      text = this.safe.decryptString(blob);
    } catch (err) {
      throw new SecretDecryptError(context, `The secret "${context}" does not open with this system's keychain (${(err as Error).message}); set it again.`);
    }
    const prefix = `${context.length}:${context}`;
    if (!text.startsWith(prefix)) throw new SecretDecryptError(context, `The secret "${context}" belongs to another entry; set it again.`);
    return text.slice(prefix.length);
  }
}

/**
 * The desktop app's cipher: the OS keychain when it really protects secrets, else the 0600 key
 * file of headless mode (Linux without a keyring, where safeStorage would use a fixed key).
 */
export function desktopSecretCipher(safe: SafeStorageLike, dataDir: string): SecretCipher {
  const backend = safe.getSelectedStorageBackend?.();
  const weak = backend === 'basic_text' || backend === 'unknown';
  return safe.isEncryptionAvailable() && !weak ? new SafeStorageCipher(safe) : new FileKeyCipher(dataDir);
}
