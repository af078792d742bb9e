import { randomCSeq } from '../dialog';
import { formatUri, generateCallId, type SipResponse, type Uri } from '../message';
import type { TimerHandle } from '../../lib/clock';
import type { FailedFlow, KeepAliveHandle } from '../transport';
import type { HopTarget } from './next-hop';
import { StunKeepAlive } from './stun-keep-alive';
import type { UserAgent } from './user-agent';

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';

export interface RegistrationStatus {
  aor: string;
  state: RegistrationState;
  /** Seconds granted by the registrar. */
  expires?: number;
  reason?: string;
}

export interface RegistererOptions {
  /** Address of record, e.g. `sip:alice@example.com`. */
  aor: Uri;
  /** Where REGISTER goes (RFC 3261 §10.2: the domain of the AOR by default). */
  registrar?: Uri;
  /** An outbound proxy: send to it whatever the Request-URI says. */
  target?: HopTarget;
  displayName?: string;
  /** Seconds asked for (RFC 3261 §10.2.1.1); the registrar may lower or, with 423, raise it. */
  expires?: number;
  /**
   * RFC 5626 §4.2: `+sip.instance` and `reg-id` on the Contact, when set. When the registrar
   * then says `Require: outbound`, the registration's TCP/TLS flow is kept alive with CRLF
   * pings (§4.4.1), refreshes go on it, and its failure re-registers at once, then with
   * back-off (§4.5).
   */
  instanceId?: string;
  regId?: number;
  onChange?: (status: RegistrationStatus) => void;
}

const DEFAULT_EXPIRES = 600;
/** RFC 5626 §4.5: back-off base and cap for failed registrations (seconds). */
const RETRY_BASE_SECONDS = 30;
const RETRY_MAX_SECONDS = 1800;

/**
 * Registration of one AOR (RFC 3261 §10.2): REGISTER with expiry negotiation (423 Interval Too
 * Brief, §10.2.8), refresh before expiry, retry with back-off after failure (RFC 5626 §4.5),
 * and removal of our binding at shutdown.
 */
export class Registerer {
  private readonly callId = generateCallId();
  private cseq = randomCSeq();
  private expires: number;
  private timer: TimerHandle | undefined;
  private failures = 0;
  private stopped = false;
  private current: RegistrationStatus;
  private inFlight: Promise<RegistrationStatus> | undefined;
  private realms: string[] = [];
  /** RFC 5626 §4.2: the flow the registration is bound to, while kept alive. */
  private flow: { connectionId?: number; flowToken: string } | undefined;
  private keepAlive: KeepAliveHandle | undefined;
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly ua: UserAgent,
    private readonly options: RegistererOptions,
  ) {
    this.expires = options.expires ?? DEFAULT_EXPIRES;
    this.current = { aor: formatUri(options.aor), state: 'unregistered' };
  }

  get status(): RegistrationStatus {
    return this.current;
  }

  /** Registers now; later refreshes happen on their own until `unregister()`. */
  register(): Promise<RegistrationStatus> {
    this.stopped = false;
    this.stopListening ??= this.ua.onFlowFailed((flow) => this.flowFailed(flow));
    this.inFlight ??= this.send(this.expires).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** RFC 3261 §10.2.2: removes our binding (Expires: 0) and stops refreshing. */
  async unregister(): Promise<void> {
    this.stopped = true;
    this.ua.clock.clearTimeout(this.timer);
    this.stopListening?.();
    this.stopListening = undefined;
    if (this.current.state !== 'registered') {
      this.set({ state: 'unregistered' });
      return;
    }
    await this.send(0).catch(() => undefined);
    this.dropFlow();
    this.set({ state: 'unregistered' });
  }

  /** RFC 5626 §4.2: the TCP/TLS connection the registration is bound to, while kept alive. */
  get flowConnectionId(): number | undefined {
    return this.flow?.connectionId;
  }

  /** RFC 5626 §4.2: the flow token of the flow the registration is bound to (TCP, TLS or UDP), while kept alive. */
  get flowToken(): string | undefined {
    return this.flow?.flowToken;
  }

  /** A keep-alive ping on the registration's flow waits for its pong (RFC 5626 §4.4.1). */
  get awaitingPong(): boolean {
    return this.keepAlive?.awaitingPong ?? false;
  }

  private async send(expires: number): Promise<RegistrationStatus> {
    if (expires > 0) this.set({ state: 'registering' });
    const registrar = this.options.registrar ?? { ...this.options.aor, user: undefined, password: undefined, params: new Map(), headers: new Map() };
    const aorText = formatUri(this.options.aor);
    const hop = this.options.target ?? (await this.ua.firstHop(registrar).catch(() => undefined));
    if (!hop) return this.fail(`cannot find the registrar ${formatUri(registrar)}`);
    // RFC 5626 §4.2.1: refreshes (and the removal) go on the flow the registration is bound to
    const target = this.flow ? { ...hop, flowToken: this.flow.flowToken } : hop;
    const contact = this.ua.contact(target.transport, target.host, this.contactParams());
    this.cseq += 1;
    const named = this.options.displayName ? `"${this.options.displayName.replace(/["\\]/g, '\\$&')}" <${aorText}>` : `<${aorText}>`;
    const request = this.ua.createRequest('REGISTER', registrar, {
      from: named,
      to: named,
      callId: this.callId,
      cseq: this.cseq,
      contact,
      headers: [
        ['Expires', expires],
        ['Supported', 'outbound, path'],
      ],
    });
    const { response, request: sent, realms } = await this.ua.send(request, { target, authRealms: this.realms });
    this.cseq = sent.cseq.seq;
    this.realms = realms;
    if (expires === 0) return this.current;
    return this.handle(response, hop);
  }

  private handle(response: SipResponse, hop: HopTarget): Promise<RegistrationStatus> | RegistrationStatus {
    if (response.status >= 200 && response.status < 300) {
      const granted = this.grantedExpires(response);
      this.failures = 0;
      this.bindFlow(response, hop);
      this.set({ state: 'registered', expires: granted, reason: undefined });
      // Refresh well before expiry: at half the interval, or 5 s early for short ones.
      this.schedule(Math.max(1, Math.min(granted / 2, granted - 5)));
      return this.current;
    }
    if (response.status === 423) {
      const min = response.minExpires;
      // RFC 3261 §10.2.8: retry with at least Min-Expires.
      if (min !== undefined && min > this.expires) {
        this.expires = min;
        return this.send(this.expires);
      }
    }
    return this.fail(`${response.status} ${response.reason}`);
  }

  /**
   * RFC 5626 §4.2.1, §4.4: when the registrar supports outbound (`Require: outbound` in its
   * 2xx), keeps the registration's flow alive at 80–100% of its Flow-Timer: CRLF pings with a
   * pong due within 10 s on TCP and TLS (§4.4.1, default 120 s), STUN Binding requests on UDP
   * (§4.4.2, default 95 s).
   */
  private bindFlow(response: SipResponse, hop: HopTarget): void {
    const outbound = this.options.instanceId !== undefined && (response.require ?? []).some((t) => t.toLowerCase() === 'outbound');
    const flow = outbound ? this.ua.transport.flowTo(hop) : undefined;
    if (!flow) {
      this.dropFlow();
      return;
    }
    if (this.flow?.flowToken === flow.flowToken && this.keepAlive) return;
    this.dropFlow();
    const timer = Number(response.getHeader('Flow-Timer'));
    const flowTimerSeconds = Number.isInteger(timer) && timer > 0 ? timer : undefined;
    this.flow = flow;
    if (flow.connectionId !== undefined) {
      this.keepAlive = this.ua.transport.startKeepAlive({ connectionId: flow.connectionId }, flowTimerSeconds !== undefined ? { flowTimerSeconds } : {});
    } else {
      const token = flow.flowToken;
      this.keepAlive = new StunKeepAlive(this.ua, token, { address: hop.host, port: hop.port }, flowTimerSeconds, () => this.flowFailed({ flowToken: token }));
    }
  }

  private dropFlow(): void {
    this.keepAlive?.stop();
    this.keepAlive = undefined;
    this.flow = undefined;
  }

  /**
   * RFC 5626 §4.4.1, §4.5: the flow this registration was bound to failed (no pong, or it
   * closed): register again at once on a new flow; if that fails, the back-off of fail() runs.
   */
  private flowFailed(flow: Pick<FailedFlow, 'flowToken'> & { connectionId?: number }): void {
    const ours = this.flow;
    if (ours === undefined) return;
    const same = ours.connectionId !== undefined ? flow.connectionId === ours.connectionId : flow.flowToken === ours.flowToken;
    if (!same) return;
    this.dropFlow();
    if (this.stopped) return;
    this.ua.clock.clearTimeout(this.timer);
    this.set({ state: 'registering', reason: undefined, expires: undefined });
    void this.register();
  }

  private fail(reason: string): RegistrationStatus {
    this.dropFlow();
    this.failures += 1;
    this.set({ state: 'failed', reason, expires: undefined });
    // RFC 5626 §4.5: wait a random time between 50% and 100% of min(max, base * 2^failures).
    const ceiling = Math.min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** (this.failures - 1));
    this.schedule(ceiling * (0.5 + Math.random() / 2));
    return this.current;
  }

  /** The expiry the registrar gave our Contact (RFC 3261 §10.2.4), else Expires, else what we asked. */
  private grantedExpires(response: SipResponse): number {
    const ours = response.contact.find((c) => this.isOurContact(c.uri));
    const fromContact = ours?.params.get('expires');
    if (fromContact !== undefined && fromContact !== null && /^\d+$/.test(fromContact)) return Number(fromContact);
    return response.expires ?? this.expires;
  }

  private isOurContact(uri: Uri): boolean {
    return this.ua.listening.some((l) => uri.port === l.port) && uri.user === this.options.aor.user;
  }

  private contactParams(): string {
    if (!this.options.instanceId) return '';
    return `;+sip.instance="<${this.options.instanceId}>";reg-id=${this.options.regId ?? 1}`;
  }

  private schedule(seconds: number): void {
    this.ua.clock.clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = this.ua.clock.setTimeout(() => void this.register(), seconds * 1000);
  }

  private set(change: Partial<RegistrationStatus>): void {
    const next: RegistrationStatus = { aor: this.current.aor, state: change.state ?? this.current.state };
    const expires = 'expires' in change ? change.expires : this.current.expires;
    const reason = 'reason' in change ? change.reason : this.current.reason;
    if (expires !== undefined && next.state === 'registered') next.expires = expires;
    if (reason !== undefined && next.state === 'failed') next.reason = reason;
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    this.current = next;
    if (changed) this.options.onChange?.(next);
  }
}
