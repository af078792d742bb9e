import { describe, expect, it } from 'vitest';
import { parseChallenges, parseCredentials, serializeChallenge, serializeCredentials } from '../../../main/sip/auth';

describe('parsing challenges', () => {
  it('reads odd but legal forms: case, spacing, escapes, unquoted tokens, unknown params', () => {
    const v = 'digest REALM = "a \\"quoted\\" \\\\ realm" ,nonce="n,1",  Algorithm=sha-256,QOP="auth-int , AUTH",stale=TRUE,foo=bar,baz="x, y",domain="sip:a.example sip:b.example"';
    const parsed = parseChallenges(v);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value[0]).toMatchObject({
      realm: 'a "quoted" \\ realm',
      nonce: 'n,1',
      algorithmName: 'sha-256',
      algorithm: 'SHA-256',
      qop: ['auth-int', 'auth'],
      stale: true,
      domain: ['sip:a.example', 'sip:b.example'],
    });
  });

  it('reads several challenges in one value and skips other schemes', () => {
    const v = 'Basic realm="x", Digest realm="r1", nonce="a", Newauth realm="apps", type=1, title="Login to \\"apps\\"", Digest realm="r2", nonce="b", algorithm=MD5-sess, Negotiate abc123==';
    const parsed = parseChallenges(v);
    expect(parsed.ok && parsed.value.map((c) => [c.realm, c.algorithm])).toEqual([
      ['r1', 'MD5'],
      ['r2', 'MD5-sess'],
    ]);
  });

  it('keeps an unknown algorithm by name without claiming to know it', () => {
    const parsed = parseChallenges('Digest realm="r", nonce="n", algorithm=SHA3-999');
    expect(parsed.ok && parsed.value[0]).toMatchObject({ algorithmName: 'SHA3-999', algorithm: undefined });
  });

  it('reports faults as values', () => {
    const bad: [string, string][] = [
      ['', 'empty'],
      ['Digest realm="r, nonce="n"', 'unterminated-quote'],
      ['Digest nonce="n"', 'missing-param'],
      ['Digest realm="r"', 'missing-param'],
      ['Digest realm="r", realm="s", nonce="n"', 'duplicate-param'],
      ['realm="r", Digest nonce="n"', 'expected-scheme'],
      ['Digest realm="r" junk, nonce="n"', 'bad-value'],
    ];
    for (const [value, fault] of bad) {
      const parsed = parseChallenges(value);
      expect(parsed.ok ? 'ok' : parsed.error.fault, value).toBe(fault);
    }
  });

  it('writes challenges with RFC 7616 quoting and reads them back', () => {
    const v = serializeChallenge({ realm: 'atlanta.com', nonce: 'n"1', opaque: 'o', algorithm: 'SHA-256', qop: ['auth', 'auth-int'], stale: true });
    expect(v).toBe('Digest realm="atlanta.com", nonce="n\\"1", opaque="o", stale=true, algorithm=SHA-256, qop="auth,auth-int"');
    const back = parseChallenges(v);
    expect(back.ok && back.value[0]).toMatchObject({ realm: 'atlanta.com', nonce: 'n"1', stale: true, qop: ['auth', 'auth-int'] });
  });
});

describe('parsing credentials', () => {
  it('reads a SIP Authorization value (RFC 3261 §20.7 example form)', () => {
    const v = 'Digest username="Alice", realm="atlanta.com", nonce="84a4cc6f3082121f32b42a2187831a9e", uri="sip:bob@biloxi.com",response="7587245234b3434cc3412213e5f113a5432"';
    const parsed = parseCredentials(v);
    expect(parsed.ok && parsed.value[0]).toMatchObject({ username: 'Alice', uri: 'sip:bob@biloxi.com', userhash: false });
    expect(parsed.ok && parsed.value[0]?.nc).toBeUndefined();
  });

  it('reads username* (RFC 7616 §3.4.4) and writes it for non-ASCII names', () => {
    const fields = { username: 'Jäsøn Doe', realm: 'r', nonce: 'n', uri: 'sip:x', response: 'ab', algorithm: 'SHA-256', qop: 'auth', nc: 255, cnonce: 'c' };
    const v = serializeCredentials(fields);
    expect(v).toContain("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe");
    expect(v).toContain('nc=000000ff');
    expect(v).toContain('qop=auth,');
    const parsed = parseCredentials(v);
    expect(parsed.ok && parsed.value[0]).toMatchObject({ username: 'Jäsøn Doe', nc: 255, qop: 'auth', algorithm: 'SHA-256' });
  });

  it('refuses a bad nc, a missing response, and username with username*', () => {
    const faults = [
      'Digest username="a", realm="r", nonce="n", uri="u", response="x", nc=1',
      'Digest username="a", realm="r", nonce="n", uri="u"',
      'Digest username="a", username*=UTF-8\'\'a, realm="r", nonce="n", uri="u", response="x"',
    ].map((v) => {
      const p = parseCredentials(v);
      return p.ok ? 'ok' : p.error.fault;
    });
    expect(faults).toEqual(['bad-value', 'missing-param', 'duplicate-param']);
  });
});
