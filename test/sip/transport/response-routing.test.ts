import { describe, expect, it } from 'vitest';
import { planResponseRoute } from '../../../main/sip/transport/response-routing';

describe('RFC 3261 §18.2.2 response routing plan', () => {
  it('reliable: the request connection first, then received at the sent-by port, then sent-by', () => {
    expect(planResponseRoute({ transport: 'TCP', host: 'pc.example.com', port: 5070, received: '192.0.2.4' }, 12)).toEqual([
      { kind: 'connection', connectionId: 12 },
      { kind: 'address', transport: 'tcp', host: '192.0.2.4', port: 5070 },
      { kind: 'address', transport: 'tcp', host: 'pc.example.com', port: 5070 },
    ]);
  });

  it('reliable without a port uses the transport default (5061 for TLS) and ignores rport', () => {
    expect(planResponseRoute({ transport: 'TLS', host: '192.0.2.4', rport: 40000, received: '192.0.2.4' })).toEqual([
      { kind: 'address', transport: 'tls', host: '192.0.2.4', port: 5061 },
    ]);
  });

  it('unreliable with maddr: the maddr address, sent-by port or 5060, TTL 1 by default', () => {
    expect(planResponseRoute({ transport: 'UDP', host: 'a.example', maddr: '224.0.1.75', received: '192.0.2.4' })).toEqual([
      { kind: 'address', transport: 'udp', host: '224.0.1.75', port: 5060, ttl: 1 },
    ]);
    expect(planResponseRoute({ transport: 'UDP', host: 'a.example', port: 5080, maddr: '224.0.1.75', ttl: 4 })).toEqual([
      { kind: 'address', transport: 'udp', host: '224.0.1.75', port: 5080, ttl: 4 },
    ]);
  });

  it('unreliable with received and rport: received:rport (RFC 3581 §4)', () => {
    expect(planResponseRoute({ transport: 'UDP', host: '10.0.0.1', port: 5060, received: '192.0.2.4', rport: 61000 })).toEqual([
      { kind: 'address', transport: 'udp', host: '192.0.2.4', port: 61000 },
    ]);
  });

  it('unreliable with received only: received at the sent-by port, or 5060', () => {
    expect(planResponseRoute({ transport: 'UDP', host: '10.0.0.1', port: 5090, received: '192.0.2.4' })).toEqual([
      { kind: 'address', transport: 'udp', host: '192.0.2.4', port: 5090 },
    ]);
    expect(planResponseRoute({ transport: 'UDP', host: '10.0.0.1', received: '192.0.2.4' })).toEqual([
      { kind: 'address', transport: 'udp', host: '192.0.2.4', port: 5060 },
    ]);
  });

  it('unreliable without received: the sent-by address; IPv6 brackets are removed', () => {
    expect(planResponseRoute({ transport: 'UDP', host: '[::1]', port: 5062 })).toEqual([{ kind: 'address', transport: 'udp', host: '::1', port: 5062 }]);
  });

  it('has no plan for transports we do not speak', () => {
    expect(planResponseRoute({ transport: 'SCTP', host: 'a.example' })).toEqual([]);
  });
});
