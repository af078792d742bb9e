import { describe, expect, it } from 'vitest';
import { SendError } from '../../../main/sip/transport';
import { isMulticast } from '../../../main/sip/transport/local-address';
import { stampSentBy } from '../../../main/sip/transport/via-client';
import { stampReceived } from '../../../main/sip/transport/via-server';
import { request } from './layer-harness';

describe('client Via (RFC 3261 §18.1.1, RFC 3581 §3)', () => {
  it('adds a top Via with sent-by, transport, rport and the caller’s branch', () => {
    const r = request();
    stampSentBy(r, { transport: 'tcp', host: '::1', port: 5070 }, 'z9hG4bK-c1');
    expect(r.getHeader('via')).toBe('SIP/2.0/TCP [::1]:5070;branch=z9hG4bK-c1;rport');
  });

  it('rewrites an existing top Via, keeping its branch and other parameters, and leaves lower ones', () => {
    const r = request();
    r.prependHeader('Via', 'SIP/2.0/UDP proxy.test;branch=z9hG4bK-lower');
    r.prependHeader('Via', 'SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK-c2;keep;received=1.2.3.4');
    stampSentBy(r, { transport: 'udp', host: '192.0.2.5', port: 5060 });
    const via = r.via[0];
    expect(via).toMatchObject({ transport: 'UDP', host: '192.0.2.5', port: 5060, branch: 'z9hG4bK-c2', rport: null });
    expect(via?.received).toBeUndefined();
    expect(via?.params.has('keep')).toBe(true);
    expect(r.getHeaders('via')[1]).toBe('SIP/2.0/UDP proxy.test;branch=z9hG4bK-lower');
  });

  it('adds maddr and ttl=1 for a multicast destination', () => {
    const r = request();
    stampSentBy(r, { transport: 'udp', host: '192.0.2.5', port: 5060, multicast: '224.0.1.75' }, 'z9hG4bK-c3');
    expect(r.via[0]).toMatchObject({ maddr: '224.0.1.75', ttl: 1 });
    expect(isMulticast('224.0.1.75')).toBe(true);
    expect(isMulticast('ff02::1')).toBe(true);
    expect(isMulticast('192.0.2.1')).toBe(false);
  });

  it('refuses a request without a branch', () => {
    expect(() => stampSentBy(request(), { transport: 'udp', host: '192.0.2.5', port: 5060 })).toThrow(SendError);
  });
});

describe('server Via (RFC 3261 §18.2.1, RFC 3581 §4)', () => {
  function withVia(via: string): ReturnType<typeof request> {
    const r = request();
    r.prependHeader('Via', via);
    return r;
  }

  it('adds received for a name, an other address, and IPv6 in canonical form', () => {
    expect(stampReceived(withVia('SIP/2.0/UDP pc.test;branch=z9hG4bK-1'), '192.0.2.1', 5060)?.received).toBe('192.0.2.1');
    expect(stampReceived(withVia('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-2'), '::ffff:192.0.2.1', 5060)?.received).toBe('192.0.2.1');
    expect(stampReceived(withVia('SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK-3'), '2001:DB8:0:0:0:0:0:1', 5060)?.received).toBeUndefined();
  });

  it('fills rport and adds received even when the host matches; leaves a filled rport alone', () => {
    const via = stampReceived(withVia('SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK-4'), '192.0.2.1', 40000);
    expect(via).toMatchObject({ rport: 40000, received: '192.0.2.1' });
    expect(stampReceived(withVia('SIP/2.0/UDP 192.0.2.1:5060;rport=7;branch=z9hG4bK-5'), '192.0.2.1', 40000)?.rport).toBe(7);
  });
});
