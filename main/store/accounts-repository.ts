import type { Database } from 'better-sqlite3';
import type { AccountInfo, AccountPatch, NewAccount } from '../../shared/ipc';
import type { SecretStore } from './secret-store';

interface AccountRow {
  id: number;
  aor: string;
  display_name: string;
  username: string;
  proxy: string | null;
  expires: number | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** An account with its password, for the engine only; never sent over IPC. */
export interface AccountWithSecret {
  account: AccountInfo;
  password: string | undefined;
  /** Why a stored password could not be opened (the account then registers without one). */
  secretError?: string;
}

/** The AOR is already stored. */
export class DuplicateAccountError extends Error {
  constructor(readonly aor: string) {
    super(`An account for ${aor} already exists.`);
    this.name = 'DuplicateAccountError';
  }
}

const COLUMNS = 'id, aor, display_name, username, proxy, expires, enabled, created_at, updated_at';

/** The secrets key of an account's password. */
export function accountPasswordKey(id: number): string {
  return `account:${id}:password`;
}

/** SIP accounts (migration 0040); passwords go through the SecretStore, in the same transaction. */
export class AccountsRepository {
  private readonly selectAll;
  private readonly selectOne;
  private readonly selectByAor;
  private readonly insertOne;
  private readonly updateOne;
  private readonly deleteOne;
  private readonly countSecret;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretStore,
  ) {
    this.selectAll = db.prepare<[], AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY id`);
    this.selectOne = db.prepare<[number], AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`);
    this.selectByAor = db.prepare<[string], { id: number }>('SELECT id FROM accounts WHERE aor = ?');
    this.insertOne = db.prepare<[string, string, string, string | null, number | null, number, number, number]>(
      `INSERT INTO accounts (aor, display_name, username, proxy, expires, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateOne = db.prepare<[string, string, string | null, number | null, number, number, number]>(
      'UPDATE accounts SET display_name = ?, username = ?, proxy = ?, expires = ?, enabled = ?, updated_at = ? WHERE id = ?',
    );
    this.deleteOne = db.prepare<[number]>('DELETE FROM accounts WHERE id = ?');
    this.countSecret = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM secrets WHERE key = ?');
  }

  list(): AccountInfo[] {
    return this.selectAll.all().map((r) => this.toInfo(r));
  }

  get(id: number): AccountInfo | undefined {
    const row = this.selectOne.get(id);
    return row ? this.toInfo(row) : undefined;
  }

  /** Enabled accounts with their passwords, in the order they were added (the engine registers these). */
  enabledWithSecrets(): AccountWithSecret[] {
    return this.list()
      .filter((a) => a.enabled)
      .map((account) => {
        if (!account.hasPassword) return { account, password: undefined };
        try {
          return { account, password: this.secrets.get(accountPasswordKey(account.id)) };
        } catch (err) {
          return { account, password: undefined, secretError: (err as Error).message };
        }
      });
  }

  add(input: NewAccount): AccountInfo {
    if (this.selectByAor.get(input.aor)) throw new DuplicateAccountError(input.aor);
    const now = Date.now();
    const id = this.db.transaction(() => {
      const r = this.insertOne.run(input.aor, input.displayName ?? '', input.username ?? '', input.proxy ?? null, input.expires ?? null, input.enabled === false ? 0 : 1, now, now);
      const newId = Number(r.lastInsertRowid);
      if (input.password !== undefined) this.secrets.set(accountPasswordKey(newId), input.password);
      return newId;
    })();
    return this.get(id) as AccountInfo;
  }

  /** Applies a patch; undefined when there is no such account. */
  update(patch: AccountPatch): AccountInfo | undefined {
    const current = this.selectOne.get(patch.id);
    if (!current) return undefined;
    this.db.transaction(() => {
      this.updateOne.run(
        patch.displayName ?? current.display_name,
        patch.username ?? current.username,
        patch.proxy === undefined ? current.proxy : patch.proxy,
        patch.expires === undefined ? current.expires : patch.expires,
        patch.enabled === undefined ? current.enabled : patch.enabled ? 1 : 0,
        Date.now(),
        patch.id,
      );
      if (patch.password === null) this.secrets.delete(accountPasswordKey(patch.id));
      else if (patch.password !== undefined) this.secrets.set(accountPasswordKey(patch.id), patch.password);
    })();
    return this.get(patch.id);
  }

  /** Removes the account and its password together. */
  remove(id: number): boolean {
    return this.db.transaction(() => {
      this.secrets.delete(accountPasswordKey(id));
      return this.deleteOne.run(id).changes === 1;
    })();
  }

  private toInfo(row: AccountRow): AccountInfo {
    const info: AccountInfo = {
      id: row.id,
      aor: row.aor,
      displayName: row.display_name,
      username: row.username,
      enabled: row.enabled === 1,
      hasPassword: this.hasSecret(accountPasswordKey(row.id)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    if (row.proxy !== null) info.proxy = row.proxy;
    if (row.expires !== null) info.expires = row.expires;
    return info;
  }

  private hasSecret(key: string): boolean {
    return this.countSecret.get(key)?.n === 1;
  }
}
