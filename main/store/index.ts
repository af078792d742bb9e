import type { Database } from 'better-sqlite3';
import { openDatabase } from './database';
import { MetaRepository } from './meta-repository';
import { SettingsRepository } from './settings-repository';

export { StoreOpenError } from './errors';
export { DATABASE_FILE } from './database';
export { SettingsRepository } from './settings-repository';
export { MetaRepository } from './meta-repository';

/** The one owner of the SQLite database. */
export interface Store {
  readonly db: Database;
  readonly settings: SettingsRepository;
  readonly meta: MetaRepository;
  close(): void;
}

export function openStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    settings: new SettingsRepository(db),
    meta: new MetaRepository(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
