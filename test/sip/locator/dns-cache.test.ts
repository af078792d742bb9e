import { describe, expect, it } from 'vitest';
import { CachingDnsClient, NodeDnsClient, type DnsClient } from '../../../main/sip/locator';
import { DnsStubServer } from '../../helpers/dns-stub-server';
import { VirtualClock } from '../../helpers/virtual-clock';
import { zone } from './zone';

/** Counts the questions that reach the real client (c-ares may keep its own cache, so count here). */
function counting(inner: DnsClient): { client: DnsClient; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    client: {
      naptr: (n) => (asked.push(`NAPTR ${n}`), inner.naptr(n)),
      srv: (n) => (asked.push(`SRV ${n}`), inner.srv(n)),
      a: (n) => (asked.push(`A ${n}`), inner.a(n)),
      aaaa: (n) => (asked.push(`AAAA ${n}`), inner.aaaa(n)),
    },
  };
}

async function setup(unknownTtlSeconds = 10) {
  const dns = await DnsStubServer.start(zone());
  const clock = new VirtualClock();
  const node = new NodeDnsClient({ servers: [dns.address], timeoutMs: 200, tries: 1, unknownTtlSeconds });
  const { client, asked } = counting(node);
  const cache = new CachingDnsClient(client, { clock, negativeTtlSeconds: 5, maxTtlSeconds: 3600 });
  return { clock, cache, asked, node };
}

describe('DNS answers', () => {
  it('A/AAAA carry the TTL from the answer', async () => {
    const { node } = await setup();
    expect(await node.a('plain.example')).toEqual({ ok: true, records: ['203.0.113.5'], ttl: 60 });
    expect(await node.aaaa('plain.example')).toEqual({ ok: true, records: ['2001:db8::5'], ttl: 60 });
    expect(await node.srv('_sips._tcp.srv.example')).toMatchObject({ ok: true, ttl: 10 });
  });

  it('failures are values: nxdomain, no-data, servfail, timeout', async () => {
    const { node } = await setup();
    expect(await node.a('nowhere.example')).toMatchObject({ ok: false, failure: 'nxdomain' });
    expect(await node.naptr('plain.example')).toMatchObject({ ok: false, failure: 'no-data' });
    expect(await node.a('broken.example')).toMatchObject({ ok: false, failure: 'servfail' });
    expect(await node.srv('slow.example')).toMatchObject({ ok: false, failure: 'timeout' });
  });
});

describe('CachingDnsClient', () => {
  it('keeps an A answer for its TTL, then asks again', async () => {
    const { clock, cache, asked } = await setup();
    await cache.a('plain.example');
    await cache.a('PLAIN.example');
    clock.advance(59_999);
    await cache.a('plain.example');
    expect(asked).toEqual(['A plain.example']);
    clock.advance(2);
    expect(await cache.a('plain.example')).toMatchObject({ ok: true, ttl: 60 });
    expect(asked).toEqual(['A plain.example', 'A plain.example']);
  });

  it('keeps SRV/NAPTR for the configured default, negative answers briefly, and timeouts not at all', async () => {
    const { clock, cache, asked } = await setup();
    await cache.srv('_sip._udp.srv.example');
    clock.advance(9_000);
    await cache.srv('_sip._udp.srv.example');
    expect(asked.filter((q) => q.startsWith('SRV')).length).toBe(1);
    clock.advance(1_001);
    await cache.srv('_sip._udp.srv.example');
    expect(asked.filter((q) => q.startsWith('SRV')).length).toBe(2);

    await cache.naptr('nowhere.example');
    await cache.naptr('nowhere.example');
    clock.advance(5_001);
    await cache.naptr('nowhere.example');
    expect(asked.filter((q) => q === 'NAPTR nowhere.example').length).toBe(2);

    await cache.a('slow.example');
    await cache.a('slow.example');
    expect(asked.filter((q) => q === 'A slow.example').length).toBe(2);
  });

  it('shares one query between concurrent lookups of the same name', async () => {
    const { cache, asked } = await setup();
    const [a, b] = await Promise.all([cache.a('plain.example'), cache.a('plain.example')]);
    expect(a).toEqual(b);
    expect(asked).toEqual(['A plain.example']);
  });
});
