import type { Database } from 'better-sqlite3';
import {
  defaultSettings,
  settingsSchema,
  storedNatSettingsSchema,
  stunServerSchema,
  TURN_PASSWORD_SECRET,
  type NatSettingsPatch,
  type Settings,
  type SettingsPatch,
  type StoredNatSettings,
} from '../../shared/ipc';
import type { SecretStore } from './secret-store';

/**
 * Stores the preferences as one JSON value per key; a bad stored value falls back to its default.
 * The NAT group keeps its TURN password sealed in the secret store, never in the settings table.
 */
export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;
  private readonly hasSecret;
  private readonly dataVersion;
  /**
   * The last settings read, good while nobody wrote: SQLite's data_version moves when another
   * connection (another LiteSIP process) commits, total_changes() when this one writes anything.
   */
  private cached: { version: string; settings: Settings } | undefined;

  constructor(
    private readonly db: Database,
    private readonly secrets?: SecretStore,
  ) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.hasSecret = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM secrets WHERE key = ?');
    this.dataVersion = db.prepare<[], string>("SELECT data_version || ':' || total_changes() FROM pragma_data_version").pluck();
  }

  /** The settings; read on every call (each INVITE consults the rules), so kept until something is written. */
  load(): Settings {
    const version = this.dataVersion.get()!;
    if (this.cached?.version !== version) this.cached = { version, settings: this.read() };
    return structuredClone(this.cached.settings);
  }

  private read(): Settings {
    const merged: Record<string, unknown> = { ...defaultSettings };
    const rows = this.selectAll.all();
    for (const row of rows) {
      if (!(row.key in defaultSettings) || row.key === 'nat') continue;
      const value = parseJson(row.value);
      const field = settingsSchema.shape[row.key as keyof Settings];
      if (value !== undefined && field.safeParse(value).success) merged[row.key] = value;
    }
    const nat = this.storedNat(rows);
    const turn = nat.turn && { ...nat.turn, hasPassword: this.hasSecret.get(TURN_PASSWORD_SECRET)!.n > 0 };
    merged.nat = { ice: nat.ice, stunServers: nat.stunServers, ...(turn ? { turn } : {}) };
    return settingsSchema.parse(merged);
  }

  /** The NAT settings as stored (without the password); see nat-settings.ts in the engine for the password. */
  loadNat(): StoredNatSettings {
    return this.storedNat(this.selectAll.all());
  }

  save(patch: SettingsPatch): Settings {
    const { nat: natPatch, ...rest } = patch;
    const nat = natPatch ? mergeNat(this.loadNat(), natPatch) : undefined;
    const password = natPatch?.turn === null ? null : natPatch?.turn?.password;
    if (typeof password === 'string' && !this.secrets) throw new Error('There is no secret store to keep the TURN password in.');
    // validates every field before anything is written
    settingsSchema.omit({ nat: true }).parse({ ...this.load(), ...rest });
    this.cached = undefined;
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(rest)) this.upsert.run(key, JSON.stringify(value));
      if (nat) this.upsert.run('nat', JSON.stringify(nat));
      if (typeof password === 'string') this.secrets!.set(TURN_PASSWORD_SECRET, password);
      else if (password === null) this.secrets?.delete(TURN_PASSWORD_SECRET);
    })();
    return this.load();
  }

  private storedNat(rows: { key: string; value: string }[]): StoredNatSettings {
    const row = rows.find((r) => r.key === 'nat');
    const parsed = row && storedNatSettingsSchema.safeParse(parseJson(row.value));
    if (parsed?.success) return parsed.data;
    // Before the NAT group, the STUN servers were a setting of their own.
    const legacy = rows.find((r) => r.key === 'stunServers');
    const servers = legacy && stunServerSchema.array().max(8).safeParse(parseJson(legacy.value));
    return { ice: true, stunServers: servers?.success ? servers.data : [] };
  }
}

function mergeNat(current: StoredNatSettings, patch: NatSettingsPatch): StoredNatSettings {
  const next: StoredNatSettings = { ice: patch.ice ?? current.ice, stunServers: patch.stunServers ?? current.stunServers };
  const turn = patch.turn === undefined ? current.turn : patch.turn === null ? undefined : { uri: patch.turn.uri, username: patch.turn.username };
  return storedNatSettingsSchema.parse(turn ? { ...next, turn } : next);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a damaged value keeps its default
  }
}
