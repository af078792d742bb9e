import type { Clock } from '../../lib/clock';
import type { DnsAnswer, DnsClient, NaptrRecord, SrvRecord } from './dns-client';

export interface DnsCacheOptions {
  readonly clock: Clock;
  /** Upper bound on any TTL, seconds. Default 3600. */
  readonly maxTtlSeconds?: number;
  /** How long "no such name" / "no such record" is kept, seconds (RFC 2308 negative caching). Default 30. */
  readonly negativeTtlSeconds?: number;
  /** Entries kept at most; the oldest go first. Default 1000. */
  readonly maxEntries?: number;
}

/**
 * Keeps answers for their TTL (RFC 1035 §3.2.1), bounded. Timeouts and server failures are not
 * kept, so the next lookup asks again.
 */
export class CachingDnsClient implements DnsClient {
  private readonly entries = new Map<string, { expires: number; answer: DnsAnswer<unknown> }>();
  /** Questions under way, so concurrent lookups of one name share one query. */
  private readonly pending = new Map<string, Promise<DnsAnswer<unknown>>>();

  constructor(
    private readonly inner: DnsClient,
    private readonly options: DnsCacheOptions,
  ) {}

  naptr(name: string): Promise<DnsAnswer<NaptrRecord>> {
    return this.cached('NAPTR', name, () => this.inner.naptr(name));
  }

  srv(name: string): Promise<DnsAnswer<SrvRecord>> {
    return this.cached('SRV', name, () => this.inner.srv(name));
  }

  a(name: string): Promise<DnsAnswer<string>> {
    return this.cached('A', name, () => this.inner.a(name));
  }

  aaaa(name: string): Promise<DnsAnswer<string>> {
    return this.cached('AAAA', name, () => this.inner.aaaa(name));
  }

  clear(): void {
    this.entries.clear();
  }

  private async cached<T>(type: string, name: string, ask: () => Promise<DnsAnswer<T>>): Promise<DnsAnswer<T>> {
    const key = `${type} ${name.toLowerCase()}`;
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.options.clock.now()) return hit.answer as DnsAnswer<T>;
    this.entries.delete(key);
    const under = this.pending.get(key);
    if (under) return under as Promise<DnsAnswer<T>>;
    const asking = ask();
    this.pending.set(key, asking);
    let answer: DnsAnswer<T>;
    try {
      answer = await asking;
    } finally {
      this.pending.delete(key);
    }
    const ttl = this.ttlOf(answer);
    if (ttl > 0) {
      this.entries.set(key, { expires: this.options.clock.now() + ttl * 1000, answer });
      while (this.entries.size > (this.options.maxEntries ?? 1000)) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    }
    return answer;
  }

  private ttlOf(answer: DnsAnswer<unknown>): number {
    const max = this.options.maxTtlSeconds ?? 3600;
    if (answer.ok) return Math.min(Math.max(0, answer.ttl), max);
    if (answer.failure === 'nxdomain' || answer.failure === 'no-data') return Math.min(this.options.negativeTtlSeconds ?? 30, max);
    return 0;
  }
}
