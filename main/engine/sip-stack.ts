import type { ListeningAddress, RegistrationStatus } from '../../shared/ipc';
import { systemClock } from '../lib/clock';
import { MemoryCredentialStore } from '../sip/auth';
import { SipLocator } from '../sip/locator';
import { Registerer, UserAgent, resolveNextHop, type HopTarget } from '../sip/ua';
import type { ParsedAccount } from './account-config';
import type { ListenSpec } from './listen-spec';

export interface SipStackOptions {
  listen: ListenSpec[];
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

/** The SIP side of the engine: one user agent, and a registration per account. */
export class SipStack {
  private readonly registerers: Registerer[] = [];

  private constructor(readonly ua: UserAgent) {}

  static async start(options: SipStackOptions): Promise<SipStack> {
    const credentials = new MemoryCredentialStore();
    for (const a of [...options.accounts].reverse()) {
      if (a.config.password !== undefined) {
        const credential = { username: a.config.username ?? a.aor.user ?? options.user, secret: { password: a.config.password } };
        // RFC 3261 §22.1: a realm is usually the account's domain; any other realm gets the first account's password.
        credentials.set(a.aor.host, credential).setFallback(credential);
      }
    }
    const ua = await UserAgent.start({
      listen: options.listen,
      user: options.accounts[0]?.aor.user ?? options.user,
      ...(options.displayName ? { displayName: options.displayName } : {}),
      product: options.product,
      locator: new SipLocator({ clock: systemClock }),
      credentials,
      instanceId: options.instanceId,
      ...(options.accounts[0] ? { identity: options.accounts[0].config.aor } : {}),
    });
    // RFC 3261 §8.1.2: requests outside a dialog go through the first account's proxy.
    ua.outboundProxy = options.accounts[0]?.proxy;
    const stack = new SipStack(ua);
    try {
      for (const account of options.accounts) {
        let target: HopTarget | undefined;
        try {
          target = account.proxy ? await stack.proxyTarget(account) : undefined;
        } catch (err) {
          if (!options.tolerant?.has(account)) throw err;
          options.onUnreachable?.(account.config.aor, (err as Error).message);
          continue;
        }
        stack.registerers.push(
          new Registerer(ua, {
            aor: account.aor,
            ...(target ? { target } : {}),
            ...(account.config.displayName ? { displayName: account.config.displayName } : {}),
            ...(account.config.expires ? { expires: account.config.expires } : {}),
            instanceId: options.instanceId,
            regId: 1,
            onChange: options.onRegistration,
          }),
        );
      }
    } catch (err) {
      await ua.close();
      throw err;
    }
    return stack;
  }

  /** Starts every registration; resolves once each has an outcome. */
  async registerAll(): Promise<RegistrationStatus[]> {
    return Promise.all(this.registerers.map((r) => r.register()));
  }

  get listening(): ListeningAddress[] {
    return this.ua.listening;
  }

  get registrations(): RegistrationStatus[] {
    return this.registerers.map((r) => ({ ...r.status }));
  }

  /** Unregisters (bounded in time, RFC 3261 §10.2.2) and closes every socket. */
  async stop(deadlineMs = 1500): Promise<void> {
    const unregister = Promise.allSettled(this.registerers.map((r) => r.unregister()));
    await Promise.race([unregister, new Promise((r) => setTimeout(r, deadlineMs).unref())]);
    await this.ua.close();
  }

  private async proxyTarget(account: ParsedAccount): Promise<HopTarget> {
    const r = await resolveNextHop(account.proxy!, this.ua.locator);
    const first = r.ok ? r.targets.next() : undefined;
    if (!first) throw new Error(`cannot reach the proxy of ${account.config.aor}: ${r.ok ? 'no address' : r.reason}`);
    return first;
  }
}
