import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StoreOpenError } from './errors';
import { migrate } from './migrate';
import { migrations } from './migrations';

/** Marks a database as ours, so a foreign SQLite file is never migrated or overwritten. */
export const APPLICATION_ID = 0x4c535350; // "LSSP"
export const DATABASE_FILE = 'litesip.db';

/**
 * Opens (or creates) the one LiteSIP database in `dataDir`, in WAL mode, and migrates it.
 * A damaged file, a SQLite file of another program, or one written by a newer LiteSIP gives
 * a StoreOpenError and the file is left as it was.
 */
export function openDatabase(dataDir: string): Database {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: false });
  } catch (err) {
    throw new StoreOpenError(file, 'corrupt', `Cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    checkIdentity(db, file, existed);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    if (!existed) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function checkIdentity(db: Database, file: string, existed: boolean): void {
  let appId: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    throw new StoreOpenError(file, 'corrupt', `${file} is not a readable SQLite database: ${(err as Error).message}`);
  }
  if (!existed) return;
  if (appId !== APPLICATION_ID) {
    throw new StoreOpenError(file, 'foreign', `${file} belongs to another program (application_id ${appId}); it was not changed.`);
  }
  const latest = migrations.at(-1)?.version ?? 0;
  if (version > latest) {
    throw new StoreOpenError(file, 'too-new', `${file} was written by a newer LiteSIP (schema ${version} > ${latest}); it was not changed.`);
  }
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new StoreOpenError(file, 'corrupt', `${file} is damaged (${String(check)}); it was not changed.`);
}
