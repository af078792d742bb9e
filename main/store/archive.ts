import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ArchiveError } from './archive-errors';
import { deriveArchiveKey, newScryptParams, openFromArchive, sealCheck, sealForArchive, verifyCheck } from './archive-crypto';
import { ARCHIVE_FORMAT_VERSION, archiveFilePathSchema, decodeArchive, encodeArchive, type ArchiveFile, type ArchiveManifest } from './archive-format';
import { APPLICATION_ID, DATABASE_FILE } from './database';
import { FileKeyCipher } from './file-key-cipher';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { CipherSecretStore, type SecretCipher } from './secret-store';

/** What an export reads: the open database and its secrets (a Store fits). */
export interface ArchiveSource {
  readonly db: Database;
  readonly secrets: CipherSecretStore;
  /** The data folder, for the files the database points to (voicemail audio); without it they stay out. */
  readonly dataDir?: string;
}

/** The user's voicemail greeting, if they recorded one (kept beside the messages). */
const GREETING_FILE = 'voicemail/greeting.wav';

export interface ExportOptions {
  /** Secrets are re-sealed under it; without one they are left out (the result says how many). */
  passphrase?: string;
  appVersion?: string;
}

export interface ExportResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  secretsIncluded: number;
  secretsLeftOut: number;
  /** Data-folder files carried (voicemail audio, greeting), and ones the database names but that were gone. */
  filesIncluded: number;
  filesMissing: number;
}

export interface ImportOptions {
  passphrase?: string;
  /** Replace the database of a folder that already has data. */
  force?: boolean;
  /** Seals the imported secrets; the key file of the folder when not given. */
  secretCipher?: SecretCipher;
}

export interface ImportResult {
  dataDir: string;
  schemaVersion: number;
  secretsImported: number;
  /** Secrets the archive left out (exported without a passphrase). */
  secretsLeftOut: number;
  filesImported: number;
}

/** Writes one archive file (see archive-format.ts) of the whole store: a consistent snapshot. */
export function exportArchive(store: ArchiveSource, file: string, options: ExportOptions = {}): ExportResult {
  const snapshot = new BetterSqlite3(inMemoryImage(store.db.serialize()));
  let database: Buffer;
  let schemaVersion: number;
  let wanted: string[];
  try {
    schemaVersion = snapshot.pragma('user_version', { simple: true }) as number;
    wanted = hasTable(snapshot, 'voicemail') ? (snapshot.prepare('SELECT audio_file FROM voicemail ORDER BY id').pluck().all() as string[]) : [];
    // The secrets leave the snapshot; the manifest carries them re-sealed, or not at all.
    if (hasTable(snapshot, 'secrets')) snapshot.exec('DELETE FROM secrets');
    snapshot.exec('VACUUM');
    database = snapshot.serialize();
  } finally {
    snapshot.close();
  }
  const keys = store.secrets.keys();
  let secrets: ArchiveManifest['secrets'];
  if (options.passphrase !== undefined && options.passphrase.length > 0) {
    const kdf = newScryptParams();
    const key = deriveArchiveKey(options.passphrase, kdf);
    const items = keys.map((k) => ({ key: k, value: sealForArchive(key, store.secrets.get(k) as string, k) }));
    secrets = { included: true, kdf, cipher: 'aes-256-gcm', check: sealCheck(key), items };
  } else {
    secrets = { included: false, leftOut: keys.length };
  }
  const { listed, contents, missing } = collectFiles(store.dataDir, [...wanted, GREETING_FILE]);
  const manifest: ArchiveManifest = {
    format: 'litesip-archive',
    version: ARCHIVE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    schemaVersion,
    database: { bytes: database.length, sha256: sha256(database) },
    ...(listed.length > 0 ? { files: listed } : {}),
    secrets,
  };
  const archive = encodeArchive(manifest, database, contents);
  // Written beside the target and renamed: a reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, archive, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return {
    file,
    bytes: archive.length,
    schemaVersion,
    secretsIncluded: secrets.included ? secrets.items.length : 0,
    secretsLeftOut: secrets.included ? 0 : secrets.leftOut,
    filesIncluded: listed.length,
    // The greeting is optional; only messages whose audio is gone count as missing.
    filesMissing: missing.filter((f) => f !== GREETING_FILE).length,
  };
}

/** Reads the data-folder files to carry; names that are not plain voicemail files are never read. */
function collectFiles(dataDir: string | undefined, paths: string[]): { listed: ArchiveFile[]; contents: Buffer[]; missing: string[] } {
  const listed: ArchiveFile[] = [];
  const contents: Buffer[] = [];
  const missing: string[] = [];
  for (const p of new Set(paths)) {
    if (!dataDir || !archiveFilePathSchema.safeParse(p).success) {
      missing.push(p);
      continue;
    }
    let data: Buffer;
    try {
      data = fs.readFileSync(path.join(dataDir, p));
    } catch {
      missing.push(p);
      continue;
    }
    listed.push({ path: p, bytes: data.length, sha256: sha256(data) });
    contents.push(data);
  }
  return { listed, contents, missing };
}

/**
 * Restores an archive into `dataDir`. Everything is checked first (gzip, header, manifest,
 * checksum, that the database is LiteSIP's and whole, the passphrase); a refused archive
 * leaves the folder as it was. A folder with data is refused unless `force`.
 */
export function importArchive(file: string, dataDir: string, options: ImportOptions = {}): ImportResult {
  const { manifest, database, files } = decodeArchive(fs.readFileSync(file));
  if (database.length !== manifest.database.bytes || sha256(database) !== manifest.database.sha256) {
    throw new ArchiveError('corrupt', 'The archive is damaged (the database does not match its checksum).');
  }
  for (const f of manifest.files ?? []) {
    if (sha256(files.get(f.path) ?? Buffer.alloc(0)) !== f.sha256) throw new ArchiveError('corrupt', `The archive is damaged (${f.path} does not match its checksum).`);
  }
  checkDatabase(database, manifest.schemaVersion);
  const secrets = openSecrets(manifest, options.passphrase);
  const target = path.join(dataDir, DATABASE_FILE);
  if (!options.force && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new ArchiveError('target-not-empty', `${dataDir} is not empty; import into a fresh folder, or give --force to replace its database.`);
  }

  const createdDir = !fs.existsSync(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dataDir, `${DATABASE_FILE}.import-${process.pid}.tmp`);
  const written: string[] = [];
  try {
    // The files first: a database never points at audio that is not there yet.
    for (const [p, data] of files) {
      const target = path.join(dataDir, p);
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      fs.writeFileSync(target, data, { mode: 0o600 });
      written.push(target);
    }
    fs.writeFileSync(tmp, database, { mode: 0o600 });
    const db = new BetterSqlite3(tmp);
    try {
      db.pragma('journal_mode = DELETE');
      migrate(db, migrations);
      const sealed = new CipherSecretStore(db, options.secretCipher ?? new FileKeyCipher(dataDir));
      db.transaction(() => {
        for (const [key, value] of secrets) sealed.set(key, value);
      })();
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm', '']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    for (const f of written) fs.rmSync(f, { force: true });
    if (createdDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    dataDir,
    schemaVersion: Math.max(manifest.schemaVersion, migrations.at(-1)?.version ?? 0),
    secretsImported: secrets.size,
    secretsLeftOut: manifest.secrets.included ? 0 : manifest.secrets.leftOut,
    filesImported: files.size,
  };
}

function checkDatabase(bytes: Buffer, schemaVersion: number): void {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(inMemoryImage(bytes));
  } catch (err) {
    throw new ArchiveError('corrupt', `The archive's database does not open: ${(err as Error).message}`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true });
    if (appId !== APPLICATION_ID) throw new ArchiveError('foreign', `The archive's database belongs to another program (application_id ${String(appId)}).`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) throw new ArchiveError('too-new', `The archive was written by a newer LiteSIP (schema ${version} > ${latest}).`);
    if (version !== schemaVersion) throw new ArchiveError('corrupt', 'The archive is damaged (schema version does not match its manifest).');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new ArchiveError('corrupt', `The archive's database is damaged (${String(check)}).`);
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('corrupt', `The archive's database is damaged: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

function openSecrets(manifest: ArchiveManifest, passphrase: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const s = manifest.secrets;
  if (!s.included) return out;
  if (passphrase === undefined || passphrase.length === 0) {
    throw new ArchiveError('passphrase', 'The archive holds passwords sealed under a passphrase; give it with --passphrase.');
  }
  const key = deriveArchiveKey(passphrase, s.kdf);
  verifyCheck(key, s.check);
  for (const item of s.items) out.set(item.key, openFromArchive(key, item.value, item.key));
  return out;
}

/**
 * A copy of a database image that opens in memory: a WAL file's header (bytes 18–19 = 2)
 * asks for a -wal file, which an in-memory database cannot have; 1 is the rollback journal.
 */
function inMemoryImage(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  if (copy.length >= 100 && copy[18] === 2 && copy[19] === 2) copy.fill(1, 18, 20);
  return copy;
}

function hasTable(db: BetterSqlite3.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
