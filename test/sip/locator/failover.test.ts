import { describe, expect, it } from 'vitest';
import { SipLocator, type OpenResult, type SipTarget, type TargetIterator } from '../../../main/sip/locator';
import { DnsStubServer } from '../../helpers/dns-stub-server';
import { VirtualClock } from '../../helpers/virtual-clock';
import { zone } from './zone';

const show = (t: SipTarget | undefined): string => (t ? `${t.transport} ${t.address}:${t.port}` : 'none');
const iter = (r: OpenResult): TargetIterator => {
  if (!r.ok) throw new Error(r.error.message);
  return r.targets;
};

async function setup() {
  const clock = new VirtualClock();
  const dns = await DnsStubServer.start(zone());
  const locator = new SipLocator({ clock, servers: [dns.address], timeoutMs: 200, tries: 1, random: () => 0, blacklistMs: 30_000 });
  return { clock, locator };
}

describe('RFC 3263 §4.3 failover', () => {
  it('hands out targets in order as each one times out or answers 503', async () => {
    const { locator } = await setup();
    const it = iter(await locator.open({ scheme: 'sip', host: 'srv.example', transport: 'udp' }));
    const first = it.next();
    expect(show(first)).toBe('udp 198.51.100.1:5060');
    it.fail(first!);
    const second = it.next();
    expect(show(second)).toBe('udp 198.51.100.2:5062');
    it.fail(second!, 120);
    const third = it.next();
    expect(show(third)).toBe('udp 2001:db8::2:5062');
    it.fail(third!);
    expect(show(it.next())).toBe('none');
    expect(it.remaining()).toEqual([]);
  });

  it('holds failed targets back for a while, then gives them their place again', async () => {
    const { clock, locator } = await setup();
    const request = { scheme: 'sip', host: 'srv.example', transport: 'udp' } as const;
    const first = iter(await locator.open(request));
    first.fail(first.next()!); // 198.51.100.1 for 30 s
    first.fail(first.next()!, 120); // 198.51.100.2 for 120 s (Retry-After)
    const order = async (): Promise<string[]> => iter(await locator.open(request)).remaining().map(show);
    expect(await order()).toEqual(['udp 2001:db8::2:5062', 'udp 198.51.100.1:5060', 'udp 198.51.100.2:5062']);
    clock.advance(30_001);
    expect(await order()).toEqual(['udp 198.51.100.1:5060', 'udp 2001:db8::2:5062', 'udp 198.51.100.2:5062']);
    clock.advance(90_000);
    expect(await order()).toEqual(['udp 198.51.100.1:5060', 'udp 198.51.100.2:5062', 'udp 2001:db8::2:5062']);
    locator.reset();
  });
});
