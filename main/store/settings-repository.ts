import type { Database } from 'better-sqlite3';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/ipc';

/** Stores the preferences as one JSON value per key; a bad stored value falls back to its default. */
export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;

  constructor(private readonly db: Database) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  load(): Settings {
    const merged: Record<string, unknown> = { ...defaultSettings };
    for (const row of this.selectAll.all()) {
      if (!(row.key in defaultSettings)) continue;
      try {
        const value: unknown = JSON.parse(row.value);
        const field = settingsSchema.shape[row.key as keyof Settings];
        if (field.safeParse(value).success) merged[row.key] = value;
      } catch {
        // a damaged value keeps its default
      }
    }
    return settingsSchema.parse(merged);
  }

  save(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.load(), ...patch });
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) this.upsert.run(key, JSON.stringify(value));
    })();
    return next;
  }
}
