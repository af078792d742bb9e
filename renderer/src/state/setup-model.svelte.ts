import type { AccountInfo, LiteSipApi } from '../../../shared/ipc';
import type { SettingsModel } from './settings-model.svelte';

export interface AccountForm {
  server: string;
  user: string;
  password: string;
  name: string;
}

export type SetupField = keyof AccountForm;

/** `host`, `host:port` or `[v6]:port`: the server part of a SIP address. */
const SERVER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?$/;
/** RFC 3261 §25.1 user: unreserved characters and a few marks. */
const USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;

/**
 * First run: LiteSIP needs either an account with a server or, without one, at least the
 * name others see. Done once either exists (or the user finished the setup screen).
 */
export class SetupModel {
  accounts = $state<AccountInfo[]>([]);
  loaded = $state(false);
  /** The user finished setup in this window (the screen stays until they continue). */
  finished = $state(false);
  errors = $state<Partial<Record<SetupField | 'form', string>>>({});
  busy = $state(false);
  /** The account added during setup, whose registration is shown. */
  added = $state<AccountInfo | undefined>();
  /** The serverless start was chosen and saved; the screen shows the address next. */
  serverless = $state(false);

  constructor(
    private readonly api: LiteSipApi,
    private readonly settings: SettingsModel,
  ) {}

  start(): () => void {
    const off = this.api.on('accounts:changed', (list) => (this.accounts = list));
    void this.refresh();
    return off;
  }

  async refresh(): Promise<void> {
    const result = await this.api.accounts.list();
    if (result.ok) {
      this.accounts = result.value;
      this.loaded = true;
    }
  }

  /** Whether to show the first-run screen instead of the app. */
  get needed(): boolean {
    if (!this.loaded || !this.settings.value) return false;
    if ((this.added || this.serverless) && !this.finished) return true;
    return !this.finished && this.accounts.length === 0 && this.settings.value.displayName.trim() === '';
  }

  /** Adds the account: `sip:user@host` as the address of record, `host:port` as proxy when a port is given. */
  async addAccount(form: AccountForm): Promise<boolean> {
    const errors: Partial<Record<SetupField, string>> = {};
    const server = form.server.trim().replace(/^sips?:/i, '');
    const user = form.user.trim();
    if (!server) errors.server = 'required';
    else if (!SERVER.test(server)) errors.server = 'bad-server';
    if (!user) errors.user = 'required';
    else if (!USER.test(user)) errors.user = 'bad-user';
    if (!form.password) errors.password = 'required';
    this.errors = errors;
    if (Object.keys(errors).length > 0) return false;
    const host = server.replace(/:\d{1,5}$/, '');
    this.busy = true;
    try {
      const result = await this.api.accounts.add({
        aor: `sip:${user}@${host}`,
        password: form.password,
        ...(form.name.trim() ? { displayName: form.name.trim() } : {}),
        ...(host !== server ? { proxy: `sip:${server}` } : {}),
      });
      if (!result.ok) {
        this.errors = { form: result.error.message };
        return false;
      }
      this.added = result.value;
      if (form.name.trim()) await this.settings.update('displayName', form.name.trim());
      return true;
    } finally {
      this.busy = false;
    }
  }

  /** Serverless: only a name is needed; the address is the local one. */
  async startServerless(name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (!trimmed) {
      this.errors = { name: 'required' };
      return false;
    }
    this.busy = true;
    try {
      const saved = await this.settings.update('displayName', trimmed);
      if (!saved) {
        this.errors = { name: this.settings.errors.displayName ?? 'required' };
        return false;
      }
      this.errors = {};
      this.serverless = true;
      return true;
    } finally {
      this.busy = false;
    }
  }

  finish(): void {
    this.finished = true;
  }
}
