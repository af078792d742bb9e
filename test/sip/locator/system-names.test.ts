import { describe, expect, it } from 'vitest';
import { NodeDnsClient, SipLocator } from '../../../main/sip/locator';
import { VirtualClock } from '../../helpers/virtual-clock';

describe('names the system knows without DNS (hosts file, mDNS)', () => {
  it('with the system resolver, a name from the hosts file locates like any DNS name (RFC 3263 §4.2)', async () => {
    const locator = new SipLocator({ clock: new VirtualClock(), timeoutMs: 500, tries: 1 });
    const r = await locator.locate({ scheme: 'sip', host: 'localhost', port: 5099, transport: 'tls' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.targets.map((t) => t.address)).toContain('127.0.0.1');
    expect(r.targets.every((t) => t.transport === 'tls' && t.port === 5099)).toBe(true);
  });

  it('a name nobody knows is a failure value naming it, not a throw', async () => {
    const dns = new NodeDnsClient({ timeoutMs: 500, tries: 1 });
    const r = await dns.a('no-such-host.invalid');
    expect(r).toMatchObject({ ok: false });
  });
});
