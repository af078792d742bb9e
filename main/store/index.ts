import type { Database } from 'better-sqlite3';
import { openDatabase } from './database';
import { MetaRepository } from './meta-repository';
import { SettingsRepository } from './settings-repository';
import { ContactsRepository } from './contacts-repository';
import { MessagesRepository } from './messages-repository';

export { StoreOpenError } from './errors';
export { DATABASE_FILE } from './database';
export { SettingsRepository } from './settings-repository';
export { MetaRepository } from './meta-repository';
export { ContactsRepository } from './contacts-repository';
export { MessagesRepository, type NewMessage, type SipMessageIdentity } from './messages-repository';

/** The one owner of the SQLite database. */
export interface Store {
  readonly db: Database;
  readonly settings: SettingsRepository;
  readonly meta: MetaRepository;
  readonly contacts: ContactsRepository;
  readonly messages: MessagesRepository;
  close(): void;
}

export function openStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    settings: new SettingsRepository(db),
    meta: new MetaRepository(db),
    contacts: new ContactsRepository(db),
    messages: new MessagesRepository(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
