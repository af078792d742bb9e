import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/** Runs each migration above the file's `user_version`, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= version) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}
