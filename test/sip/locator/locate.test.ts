import { describe, expect, it } from 'vitest';
import { SipLocator, type LocateRequest, type LocateResult } from '../../../main/sip/locator';
import { DnsStubServer } from '../../helpers/dns-stub-server';
import { VirtualClock } from '../../helpers/virtual-clock';
import { zone } from './zone';

async function setup(options: { transports?: ('udp' | 'tcp' | 'tls')[] } = {}) {
  const dns = await DnsStubServer.start(zone());
  const locator = new SipLocator({ clock: new VirtualClock(), servers: [dns.address], timeoutMs: 200, tries: 1, random: () => 0, ...options });
  return { dns, locator };
}

function targets(r: LocateResult): string[] {
  if (!r.ok) throw new Error(`${r.error.fault}: ${r.error.message}`);
  return r.targets.map((t) => `${t.transport} ${t.address}:${t.port}`);
}

const sip = (host: string, more: Partial<LocateRequest> = {}): LocateRequest => ({ scheme: 'sip', host, ...more });
const sips = (host: string, more: Partial<LocateRequest> = {}): LocateRequest => ({ scheme: 'sips', host, ...more });

describe('RFC 3263 §4 target selection', () => {
  it('uses a numeric address directly: UDP for sip, TLS for sips, default ports, no DNS', async () => {
    const { dns, locator } = await setup();
    expect(targets(await locator.locate(sip('192.0.2.1')))).toEqual(['udp 192.0.2.1:5060']);
    expect(targets(await locator.locate(sips('[2001:db8::1]')))).toEqual(['tls 2001:db8::1:5061']);
    expect(targets(await locator.locate(sip('192.0.2.1', { port: 5070, transport: 'TCP' })))).toEqual(['tcp 192.0.2.1:5070']);
    expect(dns.queries).toEqual([]);
  });

  it('with an explicit port, asks only A/AAAA (§4.2)', async () => {
    const { dns, locator } = await setup();
    expect(targets(await locator.locate(sip('plain.example', { port: 5099 })))).toEqual(['udp 203.0.113.5:5099', 'udp 2001:db8::5:5099']);
    expect(targets(await locator.locate(sips('plain.example', { port: 5098 })))).toEqual(['tls 203.0.113.5:5098', 'tls 2001:db8::5:5098']);
    expect(dns.queries.every((q) => q.startsWith('A ') || q.startsWith('AAAA '))).toBe(true);
  });

  it('honours the transport parameter: SRV for that transport only, then A/AAAA on the default port', async () => {
    const { dns, locator } = await setup();
    expect(targets(await locator.locate(sip('full.example', { transport: 'tcp' })))).toEqual(['tcp 192.0.2.12:5070']);
    expect(dns.queries).toEqual(['SRV _sip._tcp.full.example', 'A tcp.full.example', 'AAAA tcp.full.example']);
    expect(targets(await locator.locate(sips('full.example', { transport: 'tcp' })))).toEqual(['tls 192.0.2.11:5061', 'tls 2001:db8::11:5061']);
    expect(targets(await locator.locate(sip('plain.example', { transport: 'tls' })))).toEqual(['tls 203.0.113.5:5061', 'tls 2001:db8::5:5061']);
  });

  it('refuses transports that cannot be used', async () => {
    const { locator } = await setup({ transports: ['udp', 'tcp'] });
    const udpSips = await locator.locate(sips('full.example', { transport: 'udp' }));
    expect(!udpSips.ok && udpSips.error.fault).toBe('unsupported-transport');
    const sctp = await locator.locate(sip('full.example', { transport: 'sctp' }));
    expect(!sctp.ok && sctp.error.fault).toBe('unsupported-transport');
    const tls = await locator.locate(sip('full.example', { transport: 'tls' }));
    expect(!tls.ok && tls.error.fault).toBe('unsupported-transport');
  });

  it('follows NAPTR by order then preference, keeping supported SIP services only (§4.1)', async () => {
    const { locator } = await setup();
    expect(targets(await locator.locate(sip('full.example')))).toEqual([
      'tls 192.0.2.11:5061',
      'tls 2001:db8::11:5061',
      'tcp 192.0.2.12:5070',
      'udp 192.0.2.13:5080',
    ]);
  });

  it('a SIPS URI keeps only SIPS+D2T, and transports we lack are filtered out', async () => {
    const { locator } = await setup();
    expect(targets(await locator.locate(sips('full.example')))).toEqual(['tls 192.0.2.11:5061', 'tls 2001:db8::11:5061']);
    const udpOnly = await setup({ transports: ['udp'] });
    expect(targets(await udpOnly.locator.locate(sip('full.example')))).toEqual(['udp 192.0.2.13:5080']);
  });

  it('without NAPTR, asks SRV for _sips._tcp, _sip._tcp, _sip._udp and orders by priority', async () => {
    const { dns, locator } = await setup();
    const r = await locator.locate(sip('srv.example'));
    expect(targets(r)).toEqual(['tls 198.51.100.1:5061', 'udp 198.51.100.1:5060', 'udp 198.51.100.2:5062', 'udp 2001:db8::2:5062']);
    expect(dns.queries.filter((q) => /^(NAPTR|SRV) /.test(q))).toEqual(['NAPTR srv.example', 'SRV _sips._tcp.srv.example', 'SRV _sip._tcp.srv.example', 'SRV _sip._udp.srv.example']);
    expect(r.ok && r.problems.map((p) => `${p.type} ${p.name} ${p.failure}`)).toContain('NAPTR srv.example no-data');
  });

  it('with neither NAPTR nor SRV, uses A/AAAA on the default port: UDP for sip, TLS for sips (§4.2)', async () => {
    const { locator } = await setup();
    expect(targets(await locator.locate(sip('plain.example')))).toEqual(['udp 203.0.113.5:5060', 'udp 2001:db8::5:5060']);
    expect(targets(await locator.locate(sips('plain.example')))).toEqual(['tls 203.0.113.5:5061', 'tls 2001:db8::5:5061']);
  });

  it('looks up maddr instead of the host, and keeps the host for TLS name checks', async () => {
    const { locator } = await setup();
    const r = await locator.locate(sips('example.org', { maddr: 'plain.example', port: 5061 }));
    expect(r.ok && r.targets[0]).toEqual({ transport: 'tls', address: '203.0.113.5', port: 5061, host: 'example.org' });
  });

  it('falls back to SRV when no NAPTR is usable or NAPTR times out, and to A/AAAA when its SRV names are empty', async () => {
    const { locator } = await setup();
    expect(targets(await locator.locate(sip('odd.example')))).toEqual(['tcp 192.0.2.12:5090']);
    const mute = await locator.locate(sip('mute.example'));
    expect(targets(mute)).toEqual(['udp 192.0.2.13:5091']);
    expect(mute.ok && mute.problems[0]).toMatchObject({ type: 'NAPTR', name: 'mute.example', failure: 'timeout' });
    expect(targets(await locator.locate(sip('late.example')))).toEqual(['udp 192.0.2.78:5060']);
  });

  it('returns NXDOMAIN, SERVFAIL and timeouts as values', async () => {
    const { locator } = await setup();
    const nx = await locator.locate(sip('nowhere.example'));
    expect(!nx.ok && nx.error.fault).toBe('no-targets');
    expect(!nx.ok && nx.error.problems.map((p) => p.failure)).toEqual(['nxdomain', 'nxdomain', 'nxdomain', 'nxdomain', 'nxdomain', 'nxdomain']);
    const sf = await locator.locate(sip('broken.example', { port: 5060 }));
    expect(!sf.ok && sf.error.problems.map((p) => p.failure)).toEqual(['servfail', 'servfail']);
    const slow = await locator.locate(sip('slow.example', { transport: 'udp' }));
    expect(!slow.ok && slow.error.problems.map((p) => `${p.type} ${p.failure}`)).toEqual(['SRV timeout', 'A timeout', 'AAAA timeout']);
  });
});
