import type { StubZone } from '../../helpers/dns-stub-server';

const naptr = (order: number, preference: number, services: string, replacement: string, flags = 's') => ({
  order,
  preference,
  flags,
  services,
  regexp: '',
  replacement,
});

/** A domain with everything (NAPTR → SRV → A/AAAA), one with SRV only, one with addresses only. */
export function zone(): StubZone {
  return {
    'full.example': {
      NAPTR: [
        naptr(20, 10, 'SIP+D2U', '_sip._udp.full.example'),
        naptr(10, 20, 'SIP+D2T', '_sip._tcp.full.example'),
        naptr(10, 10, 'SIPS+D2T', '_sips._tcp.full.example'),
        naptr(5, 5, 'SIP+D2S', '_sip._sctp.full.example'),
        naptr(1, 1, 'E2U+sip', '!^.*$!sip:info@full.example!', 'u'),
      ],
    },
    '_sips._tcp.full.example': { SRV: [{ priority: 10, weight: 0, port: 5061, target: 'tls.full.example' }] },
    '_sip._tcp.full.example': { SRV: [{ priority: 10, weight: 0, port: 5070, target: 'tcp.full.example' }] },
    '_sip._udp.full.example': { SRV: [{ priority: 10, weight: 0, port: 5080, target: 'udp.full.example' }] },
    'tls.full.example': { A: ['192.0.2.11'], AAAA: ['2001:db8::11'] },
    'tcp.full.example': { A: ['192.0.2.12'] },
    'udp.full.example': { A: ['192.0.2.13'] },
    'full.example.a': { A: ['192.0.2.99'] },

    'srv.example': {},
    '_sips._tcp.srv.example': { SRV: [{ priority: 1, weight: 0, port: 5061, target: 'edge.srv.example' }] },
    '_sip._udp.srv.example': {
      SRV: [
        { priority: 2, weight: 0, port: 5062, target: 'backup.srv.example' },
        { priority: 1, weight: 0, port: 5060, target: 'edge.srv.example' },
        { priority: 1, weight: 0, port: 5060, target: '.' },
      ],
    },
    'edge.srv.example': { A: ['198.51.100.1'] },
    'backup.srv.example': { A: ['198.51.100.2'], AAAA: ['2001:db8::2'] },
    'srv.example.host': {},

    'plain.example': { A: ['203.0.113.5'], AAAA: ['2001:db8::5'], ttl: 60 },
    'odd.example': { NAPTR: [naptr(1, 1, 'SIP+D2S', '_sip._sctp.odd.example')], A: ['192.0.2.77'] },
    '_sip._tcp.odd.example': { SRV: [{ priority: 1, weight: 0, port: 5090, target: 'tcp.full.example' }] },
    'late.example': { NAPTR: [naptr(1, 1, 'SIP+D2U', '_sip._udp.late.example')], A: ['192.0.2.78'] },
    'mute.example': { drop: true },
    '_sip._udp.mute.example': { SRV: [{ priority: 1, weight: 0, port: 5091, target: 'udp.full.example' }] },
    'slow.example': { drop: true },
    '_sip._udp.slow.example': { drop: true },
    'broken.example': { rcode: 'SERVFAIL' },
  };
}
