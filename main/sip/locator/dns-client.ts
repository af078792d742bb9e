import { lookup, Resolver } from 'node:dns/promises';
import type { DnsFailure } from './errors';

export interface NaptrRecord {
  readonly order: number;
  readonly preference: number;
  readonly flags: string;
  readonly service: string;
  readonly regexp: string;
  readonly replacement: string;
}

export interface SrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  readonly name: string;
}

/** An answer with the TTL (seconds) it may be kept for, or a failure as a value. */
export type DnsAnswer<T> =
  | { readonly ok: true; readonly records: readonly T[]; readonly ttl: number }
  | { readonly ok: false; readonly failure: DnsFailure; readonly detail: string };

/** The DNS questions RFC 3263 asks. */
export interface DnsClient {
  naptr(name: string): Promise<DnsAnswer<NaptrRecord>>;
  srv(name: string): Promise<DnsAnswer<SrvRecord>>;
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
}

export interface NodeDnsClientOptions {
  /** Name servers ("1.2.3.4", "[::1]:53", "127.0.0.1:5353"); default: the system's. */
  readonly servers?: readonly string[];
  /** Per-try timeout in ms; default c-ares's own. */
  readonly timeoutMs?: number;
  readonly tries?: number;
  /**
   * TTL given to NAPTR and SRV answers: Node's resolver does not report their TTL, so they are
   * kept this long (seconds). Default 300.
   */
  readonly unknownTtlSeconds?: number;
}

/** How long an address from the system's resolver is kept (it gives no TTL). */
const SYSTEM_LOOKUP_TTL_SECONDS = 60;

const FAILURES: Record<string, DnsFailure> = {
  EAI_NONAME: 'nxdomain',
  EAI_NODATA: 'no-data',
  EAI_AGAIN: 'timeout',
  ENOTFOUND: 'nxdomain',
  ENODATA: 'no-data',
  ETIMEOUT: 'timeout',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
};

function failure(err: unknown): { ok: false; failure: DnsFailure; detail: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  return { ok: false, failure: FAILURES[code] ?? 'error', detail: err instanceof Error ? err.message : String(err) };
}

/** node:dns with its own Resolver, so no process-wide DNS setting is touched. */
export class NodeDnsClient implements DnsClient {
  private readonly resolver: Resolver;
  private readonly unknownTtl: number;
  /** With the system's name servers, addresses come from the system's name service (hosts file, DNS, mDNS). */
  private readonly systemAddresses: boolean;

  constructor(options: NodeDnsClientOptions = {}) {
    this.resolver = new Resolver({
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      ...(options.tries !== undefined ? { tries: options.tries } : {}),
    });
    if (options.servers) this.resolver.setServers([...options.servers]);
    this.systemAddresses = !options.servers;
    this.unknownTtl = options.unknownTtlSeconds ?? 300;
  }

  async naptr(name: string): Promise<DnsAnswer<NaptrRecord>> {
    try {
      return { ok: true, records: await this.resolver.resolveNaptr(name), ttl: this.unknownTtl };
    } catch (err) {
      return failure(err);
    }
  }

  async srv(name: string): Promise<DnsAnswer<SrvRecord>> {
    try {
      return { ok: true, records: await this.resolver.resolveSrv(name), ttl: this.unknownTtl };
    } catch (err) {
      return failure(err);
    }
  }

  async a(name: string): Promise<DnsAnswer<string>> {
    if (this.systemAddresses) return this.system(name, 4);
    try {
      const rr = await this.resolver.resolve4(name, { ttl: true });
      return { ok: true, records: rr.map((r) => r.address), ttl: Math.min(...rr.map((r) => r.ttl)) };
    } catch (err) {
      return failure(err);
    }
  }

  async aaaa(name: string): Promise<DnsAnswer<string>> {
    if (this.systemAddresses) return this.system(name, 6);
    try {
      const rr = await this.resolver.resolve6(name, { ttl: true });
      return { ok: true, records: rr.map((r) => r.address), ttl: Math.min(...rr.map((r) => r.ttl)) };
    } catch (err) {
      return failure(err);
    }
  }

  /**
   * RFC 3263 §4.2 asks for A/AAAA records; the system's resolver (getaddrinfo) gives those from
   * DNS and also from the hosts file and mDNS (`.local` names on the LAN), as every other
   * program on the machine sees them. It reports no TTL, so answers are kept a minute.
   */
  private async system(name: string, family: 4 | 6): Promise<DnsAnswer<string>> {
    try {
      const found = await lookup(name, { family, all: true });
      if (found.length === 0) return { ok: false, failure: 'no-data', detail: `no IPv${family} address for ${name}` };
      return { ok: true, records: found.map((r) => r.address), ttl: SYSTEM_LOOKUP_TTL_SECONDS };
    } catch (err) {
      return failure(err);
    }
  }

  /** Stops queries under way; they resolve as failures. */
  cancel(): void {
    this.resolver.cancel();
  }
}
