import { describe, expect, it } from 'vitest';
import { formatUri, parseUri, uriEquals, type Uri } from '../../../main/sip/message';

function uri(text: string): Uri {
  const r = parseUri(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.reason}`);
  return r.value;
}

describe('URIs (RFC 3261 §19.1)', () => {
  it('parses user, password, host, port, parameters with and without values, and headers', () => {
    const u = uri('sips:alice:secret@Atlanta.example.com:5061;transport=tcp;lr;Method=INVITE?subject=project%20x&priority=urgent');
    expect(u.scheme).toBe('sips');
    expect(u.user).toBe('alice');
    expect(u.password).toBe('secret');
    expect(u.host).toBe('Atlanta.example.com');
    expect(u.port).toBe(5061);
    expect([...u.params]).toEqual([
      ['transport', 'tcp'],
      ['lr', null],
      ['method', 'INVITE'],
    ]);
    expect(u.headers.get('subject')).toBe('project%20x');
    expect(u.headers.get('priority')).toBe('urgent');
  });

  it('decodes %-escapes in the user part and re-escapes when rendering', () => {
    const u = uri('sip:sips%3Auser%40example.com@example.net');
    expect(u.user).toBe('sips:user@example.com');
    expect(formatUri(u)).toBe('sip:sips%3Auser%40example.com@example.net');
    expect(uri('sip:%E2%82%AC@example.com').user).toBe('€');
  });

  it('takes IPv6 references with brackets, with and without a port', () => {
    expect(uri('sip:[2001:db8::10]').host).toBe('[2001:db8::10]');
    const u = uri('sip:bob@[2001:db8::10]:5070;transport=udp');
    expect([u.host, u.port, u.params.get('transport')]).toEqual(['[2001:db8::10]', 5070, 'udp']);
    expect(uri('sip:[::ffff:192.0.2.1]').host).toBe('[::ffff:192.0.2.1]');
  });

  it('takes tel URIs and keeps other schemes opaque', () => {
    const t = uri('tel:+1-201-555-0123;phone-context=example.com');
    expect([t.scheme, t.user, t.params.get('phone-context')]).toEqual(['tel', '+1-201-555-0123', 'example.com']);
    const m = uri('mailto:alice@example.com');
    expect([m.scheme, m.opaque]).toEqual(['mailto', 'alice@example.com']);
    expect(formatUri(m)).toBe('mailto:alice@example.com');
  });

  it('lower-cases the scheme and parameter names, keeps values', () => {
    const u = uri('SIP:Bob@Example.COM;TRANSPORT=TCP');
    expect(u.scheme).toBe('sip');
    expect(u.params.get('transport')).toBe('TCP');
    expect(u.host).toBe('Example.COM');
  });

  it('refuses what is not a URI', () => {
    for (const bad of [
      '',
      'sip:',
      'example.com',
      'sip:@example.com',
      'sip:user@',
      'sip:user@exa mple.com',
      'sip:2001:db8::10',
      'sip:[2001:db8::10',
      'sip:[2001:db8:::10]',
      'sip:user@example.com:99999',
      'sip:user@example.com:',
      'sip:user@example.com;',
      'sip:us%zzer@example.com',
      'sip:user@-example.com',
      'sip:user@1.2.3.256',
      'sip:user@example.com?novalue',
      'tel:',
    ]) {
      expect(parseUri(bad).ok, bad).toBe(false);
    }
  });

  it('round-trips through formatUri', () => {
    for (const text of [
      'sip:alice@atlanta.example.com',
      'sips:bob:pw@[2001:db8::1]:5061;transport=tcp;lr',
      'sip:proxy.example.com;lr',
      'sip:alice@example.com?subject=hello&priority=urgent',
      'tel:+15551234;ext=22',
    ]) {
      expect(formatUri(uri(text))).toBe(text);
    }
  });
});

describe('URI comparison (RFC 3261 §19.1.4)', () => {
  const same: [string, string][] = [
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;newparam=5'],
    ['sip:alice@atlanta.com?subject=project%20x&priority=urgent', 'sip:alice@atlanta.com?priority=urgent&subject=project%20x'],
  ];
  const different: [string, string][] = [
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sips:bob@biloxi.com'],
    ['sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;newparam=6'],
    ['sip:alice@atlanta.com?subject=x', 'sip:alice@atlanta.com'],
  ];
  it('equal URIs compare equal, both ways', () => {
    for (const [a, b] of same) {
      expect(uriEquals(uri(a), uri(b)), `${a} = ${b}`).toBe(true);
      expect(uriEquals(uri(b), uri(a)), `${b} = ${a}`).toBe(true);
    }
  });
  it('different URIs differ', () => {
    for (const [a, b] of different) expect(uriEquals(uri(a), uri(b)), `${a} != ${b}`).toBe(false);
  });
});
