import type { Database } from 'better-sqlite3';
import { openDatabase } from './database';
import { MetaRepository } from './meta-repository';
import { SettingsRepository } from './settings-repository';
import { ContactsRepository } from './contacts-repository';
import { MessagesRepository } from './messages-repository';
import { AccountsRepository } from './accounts-repository';
import { CallHistoryRepository } from './call-history-repository';
import { VoicemailRepository } from './voicemail-repository';
import { CipherSecretStore, type SecretCipher } from './secret-store';
import { FileSecretStore } from './file-secret-store';

export { StoreOpenError } from './errors';
export { DATABASE_FILE } from './database';
export { SettingsRepository } from './settings-repository';
export { MetaRepository } from './meta-repository';
export { ContactsRepository } from './contacts-repository';
export { MessagesRepository, type NewMessage, type SipMessageIdentity } from './messages-repository';
export { AccountsRepository, DuplicateAccountError, accountPasswordKey, type AccountWithSecret } from './accounts-repository';
export { CipherSecretStore, type SecretStore, type SecretCipher, type SealedSecret } from './secret-store';
export { FileKeyCipher, SECRET_KEY_FILE } from './file-key-cipher';
export { FileSecretStore } from './file-secret-store';
export { SecretDecryptError, SecretKeyFileError } from './secret-errors';
export { CallHistoryRepository, formatHistoryCursor, type NewHistoryEntry } from './call-history-repository';
export { VoicemailRepository, type NewVoicemail, type VoicemailAudioRef } from './voicemail-repository';
export { exportArchive, importArchive, type ArchiveSource, type ExportOptions, type ExportResult, type ImportOptions, type ImportResult } from './archive';
export { ArchiveError, type ArchiveFault } from './archive-errors';

/** The one owner of the SQLite database. */
export interface Store {
  readonly db: Database;
  readonly settings: SettingsRepository;
  readonly meta: MetaRepository;
  readonly contacts: ContactsRepository;
  readonly messages: MessagesRepository;
  readonly accounts: AccountsRepository;
  readonly secrets: CipherSecretStore;
  readonly history: CallHistoryRepository;
  readonly voicemail: VoicemailRepository;
  /** The data folder the database lives in (voicemail audio sits beside it). */
  readonly dataDir: string;
  close(): void;
}

export interface StoreOptions {
  /** Seals secrets; the desktop app passes one built on safeStorage, headless mode uses the key file. */
  secretCipher?: SecretCipher;
}

export function openStore(dataDir: string, options: StoreOptions = {}): Store {
  const db = openDatabase(dataDir);
  const secrets = options.secretCipher ? new CipherSecretStore(db, options.secretCipher) : new FileSecretStore(db, dataDir);
  return {
    db,
    settings: new SettingsRepository(db, secrets),
    meta: new MetaRepository(db),
    contacts: new ContactsRepository(db),
    messages: new MessagesRepository(db),
    accounts: new AccountsRepository(db, secrets),
    secrets,
    history: new CallHistoryRepository(db),
    voicemail: new VoicemailRepository(db),
    dataDir,
    close: () => {
      if (db.open) db.close();
    },
  };
}
