import { describe, expect, it } from 'vitest';
import { formatNatServer, NatServerUriError, parseStunUri, parseTurnUri } from '../../../main/nat/ice';

describe('NAT server URIs (RFC 7064, RFC 7065)', () => {
  it('reads stun: URIs and bare HOST:PORT, default port 3478', () => {
    expect(parseStunUri('stun:203.0.113.1:3479')).toEqual({ host: '203.0.113.1', port: 3479 });
    expect(parseStunUri('stun.example.net')).toEqual({ host: 'stun.example.net', port: 3478 });
    expect(parseStunUri('stun:[2001:db8::1]:19302')).toEqual({ host: '2001:db8::1', port: 19302 });
  });

  it('reads turn: URIs with the transport parameter and keeps the credentials', () => {
    expect(parseTurnUri('turn:203.0.113.1:3478?transport=tcp', 'u', 'p')).toEqual({ host: '203.0.113.1', port: 3478, transport: 'tcp', username: 'u', password: 'p' });
    expect(parseTurnUri('turn:relay.example.net', 'u', 'p')).toMatchObject({ port: 3478, transport: 'udp' });
  });

  it('refuses what it cannot use, naming why', () => {
    expect(() => parseStunUri('stuns:x:5349')).toThrow(/TLS/);
    expect(() => parseStunUri('stun:x:99999')).toThrow(/out of range/);
    expect(() => parseStunUri('stun:x?transport=udp')).toThrow(NatServerUriError);
    expect(() => parseTurnUri('turn:x?transport=sctp', 'u', 'p')).toThrow(/transport=udp or transport=tcp/);
    expect(() => parseTurnUri('turn:x', '', 'p')).toThrow(/username and a password/);
    expect(() => parseTurnUri('turns:x', 'u', 'p')).toThrow(/TLS/);
    expect(() => parseStunUri('stun:exa mple')).toThrow(/HOST\[:PORT\]/);
  });

  it('formats what it reads', () => {
    expect(formatNatServer(parseTurnUri('turn:203.0.113.1:3478?transport=tcp', 'u', 'p'))).toBe('turn:203.0.113.1:3478?transport=tcp');
    expect(formatNatServer(parseStunUri('stun:[2001:db8::1]'))).toBe('stun:[2001:db8::1]:3478');
  });
});
