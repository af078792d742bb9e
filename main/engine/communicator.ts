import type { AppStatus, EngineState, ListeningAddress, RegistrationStatus, Result, Settings, SettingsPatch } from '../../shared/ipc';
import { openStore, type SecretCipher, type Store } from '../store';
import { parseUri } from '../sip/message';
import type { TlsOptions } from '../sip/transport';
import { dispatch, EngineError, type Handler } from './dispatch';
import type { EngineEvents } from './engine-events';
import { parseAccount, type AccountConfig, type ParsedAccount } from './account-config';
import { storedAccounts } from './accounts-feature';
import { formatListenSpec, type ListenSpec } from './listen-spec';
import type { EngineFeature, FeatureContext } from './feature';
import { createFeatures, type FeatureOptions } from './features';
import { SipStack } from './sip-stack';
import { systemClock } from '../lib/clock';
import { TypedEmitter } from './typed-emitter';
import { USER_AGENT, VERSION } from './version';

export interface CommunicatorOptions {
  /** Folder for the database and secrets. */
  dataDir: string;
  /** Where to listen for SIP; port 0 takes a free port. */
  listen: ListenSpec[];
  /** User part of the local identity when no account is configured. */
  user?: string;
  /** Injected in tests; opened from `dataDir` otherwise. */
  store?: Store;
  /** TLS: our certificate and key for tls: listeners, and the CAs trusted for servers (RFC 5922). */
  tls?: TlsOptions;
  /** Seals stored passwords (the desktop app's keychain); the data folder's key file when absent. */
  secretCipher?: SecretCipher;
  /** Accounts to register (the first one is the identity used for calls). */
  accounts?: AccountConfig[];
  /** Options passed to every feature (see features.ts). */
  features?: FeatureOptions;
}

/**
 * The Communicator: the one facade the UI (Electron IPC, web bridge, CLI) drives.
 * It owns the store and the protocol stacks and speaks only the IPC contract.
 */
export class Communicator {
  readonly events = new TypedEmitter<EngineEvents>();
  private state: EngineState = 'stopped';
  private error: string | undefined;
  private store: Store | undefined;
  private sip: SipStack | undefined;
  private readonly accounts: ParsedAccount[];
  /** What runs: the command line's accounts, then the store's enabled ones; and those left out. */
  private registered: ParsedAccount[] = [];
  private unusable: RegistrationStatus[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly features: EngineFeature[];
  private readonly started: EngineFeature[] = [];
  /** The ports really bound, kept across a restart so the address peers know stays valid. */
  private listen: ListenSpec[];
  /** Account changes are applied one after another. */
  private reconciling: Promise<void> = Promise.resolve();

  constructor(private readonly options: CommunicatorOptions) {
    this.listen = options.listen;
    this.accounts = (options.accounts ?? []).map((a) => {
      const parsed = parseAccount(a);
      if (typeof parsed === 'string') throw new EngineError('bad-account', parsed);
      return parsed;
    });
    this.handle('app:get-status', () => this.status());
    this.handle('settings:get', () => this.requireStore().settings.load());
    this.handle('settings:update', (patch) => this.updateSettings(patch as SettingsPatch));
    this.features = createFeatures(options.features ?? {});
    // Accounts added, changed or removed over the contract take effect at once.
    this.events.on('accounts:changed', () => {
      this.reconciling = this.reconciling.then(() => this.applyAccounts()).catch((err: unknown) => {
        this.error = err instanceof Error ? err.message : String(err);
        this.events.emit('app:status', this.status());
      });
    });
    for (const feature of this.features) {
      for (const [channel, handler] of feature.handlers) {
        this.handle(channel, (payload) => {
          if (this.state !== 'running') throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
          return handler(payload);
        });
      }
    }
  }

  /** Validates and runs one contract request; errors come back as values. */
  async request(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    // An account change in progress (perhaps a restart on a new identity) finishes first.
    await this.reconciling;
    return dispatch(this.handlers, channel, payload);
  }

  async start(): Promise<void> {
    if (this.state === 'running' || this.state === 'starting') return;
    this.setState('starting');
    try {
      this.store = this.options.store ?? openStore(this.options.dataDir, this.options.secretCipher ? { secretCipher: this.options.secretCipher } : {});
      this.unusable = [];
      const stored = storedAccounts(this.store, this.accounts.map((a) => a.config), (aor, reason, skipped) => {
        if (skipped) this.unusable.push({ aor, state: 'failed', reason });
      });
      this.registered = [...this.accounts, ...stored];
      this.sip = await SipStack.start({
        listen: this.listen,
        ...(this.options.tls ? { tls: this.options.tls } : {}),
        user: this.options.user ?? 'litesip',
        product: USER_AGENT,
        instanceId: this.store.meta.instanceId(),
        accounts: this.registered,
        tolerant: new Set(stored),
        onUnreachable: (aor, reason) => this.unusable.push({ aor, state: 'failed', reason }),
        onRegistration: () => this.events.emit('app:status', this.status()),
      });
      const context: FeatureContext = {
        ua: this.sip.ua,
        store: this.store,
        clock: systemClock,
        identity: this.identity(),
        emit: (channel, payload) => this.events.emit(channel, payload),
      };
      for (const feature of this.features) {
        await feature.start(context);
        this.started.push(feature);
      }
      this.listen = this.sip.listening;
      this.setState('running');
      void this.sip.registerAll();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      await this.release();
      this.setState('failed');
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.setState('stopping');
    await this.release();
    this.setState('stopped');
  }

  status(): AppStatus {
    const status: AppStatus = {
      version: VERSION,
      engine: this.state,
      identity: this.identity(),
      listening: this.listening(),
      registrations: [...(this.sip?.registrations ?? []), ...this.unusable],
    };
    if (this.error !== undefined) status.error = this.error;
    return status;
  }

  listening(): ListeningAddress[] {
    return this.sip?.listening ?? [];
  }

  /**
   * RFC 3261 §11: asks `uri` what it can do. Resolves with the final response's status,
   * reason and capability headers (a local 408/503 when nothing answered).
   */
  async ping(uri: string): Promise<OptionsResult> {
    const sip = this.sip;
    if (!sip) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    const target = parseUri(uri);
    if (!target.ok || (target.value.scheme !== 'sip' && target.value.scheme !== 'sips')) {
      throw new EngineError('bad-uri', `"${uri}" is not a SIP address; use sip:user@host[:port]`);
    }
    const started = performance.now();
    const { response } = await sip.ua.send(sip.ua.createRequest('OPTIONS', target.value, { headers: [['Accept', 'application/sdp']] }));
    const header = (name: string): string | undefined => response.getHeader(name);
    return {
      status: response.status,
      reason: response.reason,
      rttMs: Math.round(performance.now() - started),
      ...optional('allow', header('Allow')),
      ...optional('accept', header('Accept')),
      ...optional('supported', header('Supported')),
      ...optional('server', header('Server') ?? header('User-Agent')),
      ...optional('contact', header('Contact')),
    };
  }

  /** Calls not yet ended; the updater never restarts the app during one. */
  activeCallCount(): number {
    const calls = this.features.find((f): f is EngineFeature & { activeCount: number } => f.name === 'calls' && 'activeCount' in f);
    return calls?.activeCount ?? 0;
  }

  /** The SIP stack, while running (for the CLI's protocol commands and tests). */
  get stack(): SipStack | undefined {
    return this.sip;
  }

  /** Our address: the first account's AOR, else `sip:user@address:port` of the first listener. */
  private identity(): string {
    const account = this.registered[0] ?? this.accounts[0];
    if (account) return account.config.aor;
    return this.sip?.ua.localUri ?? `sip:${this.options.user ?? 'litesip'}@localhost`;
  }

  /**
   * Runs the store's accounts as they are now. A new first account changes who we are (From,
   * Contact, presence), so the engine restarts on the same ports when no call is in progress;
   * during a call the registrations change at once and the identity at the next start.
   */
  private async applyAccounts(): Promise<void> {
    const store = this.store;
    const sip = this.sip;
    if (this.state !== 'running' || !store || !sip) return;
    const unusable: RegistrationStatus[] = [];
    const stored = storedAccounts(store, this.accounts.map((a) => a.config), (aor, reason, skipped) => {
      if (skipped) unusable.push({ aor, state: 'failed', reason });
    });
    const next = [...this.accounts, ...stored];
    const identityChanged = next[0]?.config.aor !== this.registered[0]?.config.aor;
    if (identityChanged && this.activeCallCount() === 0) {
      await this.stop();
      await this.start();
      return;
    }
    this.registered = next;
    this.unusable = unusable;
    await sip.apply(next, new Set(stored), (aor, reason) => this.unusable.push({ aor, state: 'failed', reason }));
    this.events.emit('app:status', this.status());
  }

  private updateSettings(patch: SettingsPatch): Settings {
    const next = this.requireStore().settings.save(patch);
    this.events.emit('settings:changed', next);
    return next;
  }

  private requireStore(): Store {
    if (!this.store) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    return this.store;
  }

  private handle(channel: string, handler: Handler): void {
    this.handlers.set(channel, handler);
  }

  private setState(state: EngineState): void {
    this.state = state;
    this.events.emit('app:status', this.status());
  }

  private async release(): Promise<void> {
    // Features end their calls and subscriptions while the SIP stack can still send.
    for (const feature of this.started.splice(0).reverse()) {
      await Promise.resolve(feature.stop()).catch(() => undefined);
    }
    await this.sip?.stop();
    this.sip = undefined;
    if (!this.options.store) this.store?.close();
    this.store = undefined;
  }
}

export { formatListenSpec };

export interface OptionsResult {
  status: number;
  reason: string;
  rttMs: number;
  allow?: string;
  accept?: string;
  supported?: string;
  server?: string;
  contact?: string;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
