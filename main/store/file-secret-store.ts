import type { Database } from 'better-sqlite3';
import { FileKeyCipher } from './file-key-cipher';
import { CipherSecretStore } from './secret-store';

/** Headless secrets: ciphertexts in the database, the AES-256-GCM key in `secrets.key` (0600). */
export class FileSecretStore extends CipherSecretStore {
  constructor(db: Database, dataDir: string) {
    super(db, new FileKeyCipher(dataDir));
  }
}
