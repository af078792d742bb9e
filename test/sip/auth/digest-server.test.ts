import { describe, expect, it } from 'vitest';
import { DigestClient, DigestConfigError, DigestServer, MemoryCredentialStore, digestHex, type DigestServerOptions, type VerifyResult } from '../../../main/sip/auth';
import { VirtualClock } from '../../helpers/virtual-clock';

const request = { method: 'REGISTER', uri: 'sip:biloxi.com' };
const users = (name: string): { password: string } | undefined => (name === 'bob' ? { password: 'zanzibar' } : undefined);

function setup(options: Partial<DigestServerOptions> = {}, password = 'zanzibar') {
  const clock = new VirtualClock();
  const server = new DigestServer({ realm: 'biloxi.com', clock, users, nonceLifetimeMs: 60_000, ...options });
  const client = new DigestClient({ credentials: new MemoryCredentialStore().set('biloxi.com', { username: 'bob', secret: { password } }) });
  const answer = (challengeValues: readonly string[], req = request, sent?: string[]): string => {
    const d = client.respond({ status: 401, challenges: challengeValues, request: req, ...(sent ? { sent } : {}) });
    if (d.action !== 'retry') throw new Error(d.reason);
    return d.headers[0]!.value;
  };
  return { clock, server, client, answer };
}

const reason = (r: VerifyResult): string => (r.ok ? 'ok' : r.reason);

describe('DigestServer', () => {
  it('challenges with one value per algorithm, most preferred first, and accepts the answer', () => {
    const { server, answer } = setup();
    const ch = server.challenge();
    expect(ch.status).toBe(401);
    expect(ch.headerName).toBe('WWW-Authenticate');
    expect(ch.values.map((v) => /algorithm=([^,]+)/.exec(v)?.[1])).toEqual(['SHA-256', 'MD5']);
    expect(server.verify(answer(ch.values), request)).toEqual({ ok: true, username: 'bob', realm: 'biloxi.com' });
  });

  it('accepts every algorithm it offers, and auth-int over the body', () => {
    for (const algorithm of ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256'] as const) {
      const { server, answer } = setup({ algorithms: [algorithm], qop: ['auth-int'] });
      const invite = { method: 'INVITE', uri: 'sip:bob@biloxi.com', body: 'v=0\r\n' };
      const value = answer(server.challenge().values, invite);
      expect(reason(server.verify(value, invite)), algorithm).toBe('ok');
      expect(reason(server.verify(value, { ...invite, body: 'v=1\r\n' })), algorithm).toBe('wrong-response');
    }
  });

  it('refuses a wrong password', () => {
    const { server, answer } = setup({}, 'wrong');
    const r = server.verify(answer(server.challenge().values), request);
    expect(reason(r)).toBe('wrong-response');
    expect(!r.ok && r.challenge.values[0]).not.toContain('stale');
  });

  it('refuses a replayed nc and accepts a growing one (RFC 7616 §3.4)', () => {
    const { server, client, answer } = setup();
    const first = answer(server.challenge().values);
    expect(reason(server.verify(first, request))).toBe('ok');
    expect(reason(server.verify(first, request))).toBe('replay');
    const next = client.authorize('biloxi.com', request)!.value;
    expect(reason(server.verify(next, request))).toBe('ok');
    expect(reason(server.verify(next, request))).toBe('replay');
  });

  it('says stale=true for an expired nonce with a right digest, and the client resubmits by itself', () => {
    const { server, clock, answer } = setup();
    const value = answer(server.challenge().values);
    clock.advance(60_001);
    const r = server.verify(value, request);
    expect(reason(r)).toBe('stale');
    if (r.ok) return;
    expect(r.challenge.values[0]).toContain('stale=true');
    const again = answer(r.challenge.values, request, [value]);
    expect(reason(server.verify(again, request))).toBe('ok');
  });

  it('does not say stale for an expired nonce with a wrong digest', () => {
    const { server, clock, answer } = setup({}, 'wrong');
    const value = answer(server.challenge().values);
    clock.advance(120_000);
    expect(reason(server.verify(value, request))).toBe('wrong-response');
  });

  it('refuses nonces it did not issue, foreign opaque, other realms, unknown users and uri mismatches', () => {
    const { server, answer } = setup();
    const value = answer(server.challenge().values);
    const other = setup().server;
    expect(reason(other.verify(value, request))).toBe('malformed'); // other server's opaque
    expect(reason(server.verify(value.replace(/nonce="[^"]+"/, 'nonce="AAAA"'), request))).toBe('bad-nonce');
    expect(reason(server.verify(value.replace('realm="biloxi.com"', 'realm="atlanta.com"'), request))).toBe('missing');
    expect(reason(server.verify(value, { ...request, uri: 'sip:other.com' }))).toBe('uri-mismatch');
    expect(reason(server.verify(value.replace('username="bob"', 'username="eve"'), request))).toBe('unknown-user');
    expect(reason(server.verify('Digest realm=', request))).toBe('malformed');
    expect(reason(server.verify([], request))).toBe('missing');
  });

  it('refuses an algorithm it did not offer (no downgrade to MD5)', () => {
    const { server } = setup({ algorithms: ['SHA-256'] });
    const md5Client = setup({ algorithms: ['MD5'] });
    const nonceFromSha = server.challenge().values[0]!;
    const downgraded = md5Client.answer([nonceFromSha.replace('SHA-256', 'MD5')]);
    expect(reason(server.verify(downgraded, request))).toBe('unsupported-algorithm');
  });

  it('verifies against a stored HA1 and challenges as a proxy with 407', () => {
    const ha1 = digestHex('SHA-256', 'bob:biloxi.com:zanzibar');
    const { server, answer } = setup({ proxy: true, users: (u) => (u === 'bob' ? { ha1: { 'SHA-256': ha1 } } : undefined) });
    const ch = server.challenge();
    expect([ch.status, ch.headerName]).toEqual([407, 'Proxy-Authenticate']);
    expect(reason(server.verify(answer(ch.values), request))).toBe('ok');
  });

  it('forgets the oldest nonces past its bound, refusing them as stale rather than risking a replay', () => {
    const { server, clock, client, answer } = setup({ maxTrackedNonces: 1 });
    const a = answer(server.challenge().values);
    clock.advance(10);
    const other = new DigestClient({ credentials: new MemoryCredentialStore().setFallback({ username: 'bob', secret: { password: 'zanzibar' } }) });
    const bDecision = other.respond({ status: 401, challenges: server.challenge().values, request });
    expect(reason(server.verify(a, request))).toBe('ok');
    expect(bDecision.action === 'retry' && reason(server.verify(bDecision.headers[0]!.value, request))).toBe('ok');
    expect(reason(server.verify(client.authorize('biloxi.com', request)!.value, request))).toBe('stale');
  });

  it('refuses a configuration it cannot challenge with', () => {
    expect(() => new DigestServer({ realm: 'r', clock: new VirtualClock(), users, algorithms: [] })).toThrow(DigestConfigError);
  });
});
