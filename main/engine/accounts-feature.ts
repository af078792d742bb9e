import type { AccountInfo, AccountPatch, NewAccount } from '../../shared/ipc';
import { DuplicateAccountError, SecretDecryptError, SecretKeyFileError, type Store } from '../store';
import { parseAccount, type AccountConfig, type ParsedAccount } from './account-config';
import { EngineError, type Handler } from './dispatch';
import type { EngineFeature, FeatureContext } from './feature';

/**
 * Accounts kept in the store (the accounts:* contract). Passwords go in and never come out:
 * answers carry `hasPassword` only. The engine registers the enabled accounts when it starts.
 */
export class AccountsFeature implements EngineFeature {
  readonly name = 'accounts';
  readonly handlers: ReadonlyMap<string, Handler>;
  private context: FeatureContext | undefined;

  constructor() {
    this.handlers = new Map<string, Handler>([
      ['accounts:list', () => this.store().accounts.list()],
      ['accounts:add', (p) => this.add(p as NewAccount)],
      ['accounts:update', (p) => this.update(p as AccountPatch)],
      ['accounts:remove', (p) => this.remove((p as { id: number }).id)],
    ]);
  }

  start(context: FeatureContext): void {
    this.context = context;
  }

  stop(): void {
    this.context = undefined;
  }

  private add(input: NewAccount): AccountInfo {
    const fault = parseAccount({ aor: input.aor, ...(input.proxy !== undefined ? { proxy: input.proxy } : {}) });
    if (typeof fault === 'string') throw new EngineError('bad-account', fault);
    const added = this.guard(() => this.store().accounts.add(input));
    this.changed();
    return added;
  }

  private update(patch: AccountPatch): AccountInfo {
    const accounts = this.store().accounts;
    const current = accounts.get(patch.id);
    if (!current) throw new EngineError('not-found', 'No such account.');
    if (typeof patch.proxy === 'string') {
      const fault = parseAccount({ aor: current.aor, proxy: patch.proxy });
      if (typeof fault === 'string') throw new EngineError('bad-account', fault);
    }
    const updated = this.guard(() => accounts.update(patch)) as AccountInfo;
    this.changed();
    return updated;
  }

  private remove(id: number): { removed: boolean } {
    const removed = this.store().accounts.remove(id);
    if (removed) this.changed();
    return { removed };
  }

  private changed(): void {
    this.context?.emit('accounts:changed', this.store().accounts.list());
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DuplicateAccountError) throw new EngineError('duplicate', err.message);
      if (err instanceof SecretKeyFileError || err instanceof SecretDecryptError) throw new EngineError('secret-store', err.message);
      throw err;
    }
  }

  private store(): Store {
    if (!this.context) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    return this.context.store;
  }
}

export function createAccountsFeature(): AccountsFeature {
  return new AccountsFeature();
}

/**
 * The enabled accounts of the store as the engine runs them, after those given on the command
 * line (an AOR given there wins). An account whose password cannot be opened still registers
 * without it; one that does not parse is left out. `onProblem` hears about both.
 */
export function storedAccounts(store: Store, given: readonly AccountConfig[], onProblem: (aor: string, reason: string, skipped: boolean) => void = () => undefined): ParsedAccount[] {
  const taken = new Set(given.map((a) => a.aor));
  const accounts: ParsedAccount[] = [];
  for (const { account, password, secretError } of store.accounts.enabledWithSecrets()) {
    if (taken.has(account.aor)) continue;
    const config: AccountConfig = {
      aor: account.aor,
      ...(account.username ? { username: account.username } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(account.proxy !== undefined ? { proxy: account.proxy } : {}),
      ...(account.displayName ? { displayName: account.displayName } : {}),
      ...(account.expires !== undefined ? { expires: account.expires } : {}),
    };
    const parsed = parseAccount(config);
    if (typeof parsed === 'string') {
      onProblem(account.aor, parsed, true);
      continue;
    }
    if (secretError !== undefined) onProblem(account.aor, secretError, false);
    taken.add(account.aor);
    accounts.push(parsed);
  }
  return accounts;
}
