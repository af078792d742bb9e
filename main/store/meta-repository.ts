import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Small facts about this installation, such as its RFC 5626 instance id or our own presence. */
export class MetaRepository {
  private readonly select;
  private readonly insert;
  private readonly upsert;

  constructor(db: Database) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.insert = db.prepare<[string, string]>('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
    this.upsert = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  set(key: string, value: string): void {
    this.upsert.run(key, value);
  }

  get(key: string): string | undefined {
    return this.select.get(key)?.value;
  }

  /** RFC 5626 §4.1: a UUID URN that stays the same for the life of this installation. */
  instanceId(): string {
    this.insert.run('instance-id', `urn:uuid:${randomUUID()}`);
    return this.get('instance-id') as string;
  }
}
