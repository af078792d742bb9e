import type { ListeningAddress, RegistrationStatus } from '../../shared/ipc';
import { systemClock } from '../lib/clock';
import { MemoryCredentialStore } from '../sip/auth';
import { SipLocator } from '../sip/locator';
import { formatUri } from '../sip/message';
import { Registerer, UserAgent, resolveNextHop, type HopTarget } from '../sip/ua';
import type { TlsOptions } from '../sip/transport';
import type { ParsedAccount } from './account-config';
import type { ListenSpec } from './listen-spec';

export interface SipStackOptions {
  listen: ListenSpec[];
  tls?: TlsOptions;
  user: string;
  displayName?: string;
  product: string;
  instanceId: string;
  accounts: ParsedAccount[];
  /** Accounts whose proxy may be unreachable without failing the start (the store's): they are reported and skipped. */
  tolerant?: ReadonlySet<ParsedAccount>;
  onUnreachable?: (aor: string, reason: string) => void;
  onRegistration: () => void;
}

/** How long removing registrations may hold up a stop or an account change. */
const UNREGISTER_DEADLINE_MS = 1500;

interface Registration {
  key: string;
  registerer: Registerer;
}

/** The SIP side of the engine: one user agent, and a registration per account. */
export class SipStack {
  private active: Registration[] = [];

  private constructor(
    readonly ua: UserAgent,
    private readonly credentials: MemoryCredentialStore,
    private readonly options: SipStackOptions,
  ) {}

  static async start(options: SipStackOptions): Promise<SipStack> {
    const credentials = new MemoryCredentialStore();
    const ua = await UserAgent.start({
      listen: options.listen,
      ...(options.tls ? { tls: options.tls } : {}),
      user: options.accounts[0]?.aor.user ?? options.user,
      ...(options.displayName ? { displayName: options.displayName } : {}),
      product: options.product,
      locator: new SipLocator({ clock: systemClock }),
      credentials,
      instanceId: options.instanceId,
      ...(options.accounts[0] ? { identity: options.accounts[0].config.aor } : {}),
    });
    const stack = new SipStack(ua, credentials, options);
    try {
      stack.active = await stack.registrationsFor(options.accounts, options.tolerant ?? new Set(), options.onUnreachable);
    } catch (err) {
      await ua.close();
      throw err;
    }
    return stack;
  }

  /** Starts every registration; resolves once each has an outcome. */
  async registerAll(): Promise<RegistrationStatus[]> {
    return Promise.all(this.active.map((r) => r.registerer.register()));
  }

  /**
   * Runs a new set of accounts without restarting: registrations whose account is gone or
   * changed are removed (RFC 3261 §10.2.2, Expires: 0), new ones are registered, the others
   * go on refreshing as they were. The first account's proxy becomes the outbound proxy.
   */
  async apply(accounts: ParsedAccount[], tolerant: ReadonlySet<ParsedAccount>, onUnreachable?: (aor: string, reason: string) => void): Promise<void> {
    const wanted = new Set(accounts.map(accountKey));
    const gone = this.active.filter((r) => !wanted.has(r.key));
    const kept = new Map(this.active.filter((r) => wanted.has(r.key)).map((r) => [r.key, r]));
    this.active = this.active.filter((r) => wanted.has(r.key));
    await bounded(Promise.allSettled(gone.map((r) => r.registerer.unregister())), UNREGISTER_DEADLINE_MS);
    const fresh = accounts.filter((a) => !kept.has(accountKey(a)));
    const added = await this.registrationsFor(fresh, tolerant, onUnreachable, accounts);
    const byKey = new Map([...kept, ...added.map((r) => [r.key, r] as const)]);
    this.active = accounts.map((a) => byKey.get(accountKey(a))).filter((r): r is Registration => r !== undefined);
    this.options.onRegistration();
    for (const r of added) void r.registerer.register();
  }

  get listening(): ListeningAddress[] {
    return this.ua.listening;
  }

  get registrations(): RegistrationStatus[] {
    return this.active.map((r) => ({ ...r.registerer.status }));
  }

  /** Unregisters (bounded in time, RFC 3261 §10.2.2) and closes every socket. */
  async stop(deadlineMs = UNREGISTER_DEADLINE_MS): Promise<void> {
    await bounded(Promise.allSettled(this.active.map((r) => r.registerer.unregister())), deadlineMs);
    await this.ua.close();
  }

  /**
   * Credentials and registerers for `accounts` (passwords of `all`, which includes them).
   * RFC 3261 §22.1: a realm is usually the account's domain; any other realm gets the first
   * account's password.
   */
  private async registrationsFor(
    accounts: ParsedAccount[],
    tolerant: ReadonlySet<ParsedAccount>,
    onUnreachable: ((aor: string, reason: string) => void) | undefined,
    all: ParsedAccount[] = accounts,
  ): Promise<Registration[]> {
    this.setCredentials(all);
    // RFC 3261 §8.1.2: requests outside a dialog go through the first account's proxy.
    this.ua.outboundProxy = all[0]?.proxy;
    const made: Registration[] = [];
    for (const account of accounts) {
      let target: HopTarget | undefined;
      try {
        target = account.proxy ? await this.proxyTarget(account) : undefined;
      } catch (err) {
        if (!tolerant.has(account)) throw err;
        onUnreachable?.(account.config.aor, (err as Error).message);
        continue;
      }
      const registerer = new Registerer(this.ua, {
        aor: account.aor,
        ...(target ? { target } : {}),
        ...(account.config.displayName ? { displayName: account.config.displayName } : {}),
        ...(account.config.expires ? { expires: account.config.expires } : {}),
        instanceId: this.options.instanceId,
        regId: 1,
        onChange: this.options.onRegistration,
      });
      made.push({ key: accountKey(account), registerer });
    }
    return made;
  }

  private setCredentials(accounts: ParsedAccount[]): void {
    // A removed account's password goes with it.
    this.credentials.clear();
    for (const a of [...accounts].reverse()) {
      if (a.config.password === undefined) continue;
      const credential = { username: a.config.username ?? a.aor.user ?? this.options.user, secret: { password: a.config.password } };
      // RFC 3261 §22: the account answers its own requests with its own password, also when it
      // shares the realm (the AOR's host) with other accounts; the realm entry and the fallback
      // serve requests sent as no account.
      const identity = a.aor.user !== undefined ? `${a.aor.user}@${a.aor.host}` : a.aor.host;
      this.credentials.set(a.aor.host, credential, identity).setFallback(credential, identity);
      this.credentials.set(a.aor.host, credential).setFallback(credential);
    }
  }

  private async proxyTarget(account: ParsedAccount): Promise<HopTarget> {
    const r = await resolveNextHop(account.proxy!, this.ua.locator);
    const first = r.ok ? r.targets.next() : undefined;
    if (!first) throw new Error(`cannot reach the proxy of ${account.config.aor}: ${r.ok ? 'no address' : r.reason}`);
    return first;
  }
}

/** Two accounts with the same key register the same way; any change makes a new registration. */
function accountKey(account: ParsedAccount): string {
  const c = account.config;
  return JSON.stringify([formatUri(account.aor), c.username ?? null, c.password ?? null, c.proxy ?? null, c.displayName ?? null, c.expires ?? null]);
}

function bounded(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([work, new Promise((r) => setTimeout(r, ms).unref())]);
}
