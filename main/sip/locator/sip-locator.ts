import type { Clock } from '../../lib/clock';
import { Blacklist } from './blacklist';
import { CachingDnsClient } from './dns-cache';
import { NodeDnsClient, type DnsClient } from './dns-client';
import { resolveTargets, type LocateResult } from './resolve-targets';
import type { LocateRequest, SipTransport } from './sip-target';
import type { RandomSource } from './srv-order';
import { TargetIterator } from './target-iterator';
import type { LocateError } from './errors';

export interface SipLocatorOptions {
  readonly clock: Clock;
  /** Name servers for a private Resolver; default the system's. Ignored when `dns` is given. */
  readonly servers?: readonly string[];
  /** Per-try DNS timeout (ms) and tries, for the private Resolver. */
  readonly timeoutMs?: number;
  readonly tries?: number;
  /** A DNS client to use instead of node:dns (it is still cached). */
  readonly dns?: DnsClient;
  readonly transports?: readonly SipTransport[];
  readonly families?: readonly (4 | 6)[];
  readonly random?: RandomSource;
  /** TTL for NAPTR/SRV answers, whose TTL node:dns does not report (seconds, default 300). */
  readonly unknownTtlSeconds?: number;
  readonly maxTtlSeconds?: number;
  readonly negativeTtlSeconds?: number;
  /** How long a failed target is held back (ms). Default 60 s. */
  readonly blacklistMs?: number;
}

export type OpenResult = { readonly ok: true; readonly targets: TargetIterator } | { readonly ok: false; readonly error: LocateError };

/** Finds the servers for a SIP or SIPS URI (RFC 3263) and walks them on failure. */
export class SipLocator {
  private readonly dns: CachingDnsClient;
  private readonly blacklist: Blacklist;

  constructor(private readonly options: SipLocatorOptions) {
    const inner =
      options.dns ??
      new NodeDnsClient({
        ...(options.servers ? { servers: options.servers } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.tries !== undefined ? { tries: options.tries } : {}),
        ...(options.unknownTtlSeconds !== undefined ? { unknownTtlSeconds: options.unknownTtlSeconds } : {}),
      });
    this.dns = new CachingDnsClient(inner, {
      clock: options.clock,
      ...(options.maxTtlSeconds !== undefined ? { maxTtlSeconds: options.maxTtlSeconds } : {}),
      ...(options.negativeTtlSeconds !== undefined ? { negativeTtlSeconds: options.negativeTtlSeconds } : {}),
    });
    this.blacklist = new Blacklist(options.clock);
  }

  /** The ordered targets for a URI. */
  locate(req: LocateRequest): Promise<LocateResult> {
    return resolveTargets(req, {
      dns: this.dns,
      ...(this.options.transports ? { transports: this.options.transports } : {}),
      ...(this.options.families ? { families: this.options.families } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
    });
  }

  /** The targets for a URI as an iterator the UA advances on timeout or 503 (RFC 3263 §4.3). */
  async open(req: LocateRequest): Promise<OpenResult> {
    const result = await this.locate(req);
    if (!result.ok) return result;
    return { ok: true, targets: new TargetIterator(result.targets, this.blacklist, this.options.blacklistMs ?? 60_000) };
  }

  /** Forgets cached answers and failed targets (after a network change, say). */
  reset(): void {
    this.dns.clear();
    this.blacklist.clear();
  }
}
