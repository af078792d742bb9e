import { describe, expect, it } from 'vitest';
import { DigestClient, MemoryCredentialStore, parseCredentials, serializeChallenge, type AuthDecision } from '../../../main/sip/auth';

const request = { method: 'REGISTER', uri: 'sip:biloxi.com' };
const store = (): MemoryCredentialStore => new MemoryCredentialStore().set('biloxi.com', { username: 'bob', secret: { password: 'zanzibar' } });
const challenge = (nonce: string, algorithm = 'MD5', extra: { stale?: boolean; qop?: string[]; realm?: string } = {}): string =>
  serializeChallenge({ realm: extra.realm ?? 'biloxi.com', nonce, algorithm, qop: extra.qop ?? ['auth'], ...(extra.stale ? { stale: true } : {}) });

function sent(decision: AuthDecision): string[] {
  if (decision.action !== 'retry') throw new Error(`expected retry, got ${decision.reason}`);
  return decision.headers.map((h) => h.value);
}
function creds(value: string) {
  const p = parseCredentials(value);
  if (!p.ok || !p.value[0]) throw new Error('unparsable');
  return p.value[0];
}

describe('DigestClient', () => {
  it('chooses the strongest supported challenge, whatever the order (RFC 8760 §2.4 with local policy)', () => {
    const client = new DigestClient({ credentials: store() });
    const d = client.respond({ status: 401, challenges: [challenge('n', 'MD5'), challenge('n', 'SHA-256'), challenge('n', 'SHA-999')], request });
    expect(creds(sent(d)[0]!).algorithm).toBe('SHA-256');
    const first = new DigestClient({ credentials: store(), policy: 'first' });
    const d2 = first.respond({ status: 401, challenges: [challenge('n', 'MD5'), challenge('n', 'SHA-256')], request });
    expect(creds(sent(d2)[0]!).algorithm).toBe('MD5');
  });

  it('gives up when nothing offered is supported', () => {
    const client = new DigestClient({ credentials: store() });
    expect(client.respond({ status: 401, challenges: [challenge('n', 'SHA3-999')], request })).toMatchObject({ action: 'give-up', reason: 'unsupported' });
    expect(client.respond({ status: 401, challenges: [challenge('n', 'MD5', { qop: ['auth-conf'] })], request })).toMatchObject({ reason: 'unsupported' });
    expect(client.respond({ status: 401, challenges: ['Basic realm="x"'], request })).toMatchObject({ reason: 'unsupported' });
    expect(client.respond({ status: 401, challenges: ['Digest realm="x'], request })).toMatchObject({ reason: 'malformed' });
  });

  it('asks for credentials it does not have, naming the realm', () => {
    const client = new DigestClient({ credentials: new MemoryCredentialStore() });
    expect(client.respond({ status: 401, challenges: [challenge('n')], request })).toMatchObject({ action: 'give-up', reason: 'no-credentials', realm: 'biloxi.com' });
    const fallback = new DigestClient({ credentials: new MemoryCredentialStore().setFallback({ username: 'bob', secret: { password: 'p' } }) });
    expect(fallback.respond({ status: 401, challenges: [challenge('n')], request }).action).toBe('retry');
  });

  it('counts nc per nonce, keeps its cnonce, and restarts at 1 with a new nonce', () => {
    let i = 0;
    const client = new DigestClient({ credentials: store(), cnonce: () => `c${++i}` });
    const first = creds(sent(client.respond({ status: 401, challenges: [challenge('n1')], request }))[0]!);
    expect([first.nc, first.cnonce]).toEqual([1, 'c1']);
    const again = creds(client.authorize('biloxi.com', request)!.value);
    expect([again.nc, again.cnonce, again.nonce]).toEqual([2, 'c1', 'n1']);
    const pre = client.preemptive({ method: 'INVITE', uri: 'sip:alice@biloxi.com' });
    expect(creds(pre[0]!.value)).toMatchObject({ nc: 3, uri: 'sip:alice@biloxi.com' });
    const renewed = creds(sent(client.respond({ status: 401, challenges: [challenge('n2', 'MD5', { stale: true })], request, sent: [pre[0]!.value] }))[0]!);
    expect([renewed.nc, renewed.cnonce, renewed.nonce]).toEqual([1, 'c2', 'n2']);
  });

  it('resubmits on stale=true without asking, even with the same credentials', () => {
    const client = new DigestClient({ credentials: store() });
    const firstValue = sent(client.respond({ status: 401, challenges: [challenge('n1')], request }))[0]!;
    const d = client.respond({ status: 401, challenges: [challenge('n2', 'MD5', { stale: true })], request, sent: [firstValue], attempts: 1 });
    expect(d).toMatchObject({ action: 'retry', stale: true });
  });

  it('retries with a new nonce, but gives up when the same nonce is refused again (wrong password)', () => {
    const client = new DigestClient({ credentials: store() });
    const v1 = sent(client.respond({ status: 401, challenges: [challenge('n1')], request }))[0]!;
    const d2 = client.respond({ status: 401, challenges: [challenge('n2')], request, sent: [v1], attempts: 1 });
    expect(d2.action).toBe('retry');
    const v2 = sent(d2)[0]!;
    expect(client.respond({ status: 401, challenges: [challenge('n2')], request, sent: [v2], attempts: 2 })).toMatchObject({
      action: 'give-up',
      reason: 'wrong-credentials',
      realm: 'biloxi.com',
    });
  });

  it('gives up when a server that rotates nonces refuses the credentials twice', () => {
    const client = new DigestClient({ credentials: store() });
    const v1 = sent(client.respond({ status: 401, challenges: [challenge('n1')], request }))[0]!;
    const v2 = sent(client.respond({ status: 401, challenges: [challenge('n2')], request, sent: [v1], attempts: 1 }))[0]!;
    expect(client.respond({ status: 401, challenges: [challenge('n3')], request, sent: [v2], attempts: 2 })).toMatchObject({ reason: 'wrong-credentials' });
  });

  it('stops after maxAttempts even if the server keeps changing the nonce', () => {
    const client = new DigestClient({ credentials: store(), maxAttempts: 2 });
    expect(client.respond({ status: 401, challenges: [challenge('n3')], request, attempts: 2 })).toMatchObject({ reason: 'too-many-attempts' });
  });

  it('answers 407 with Proxy-Authorization, one per realm, and keeps credentials other proxies accepted (RFC 3261 §22.3)', () => {
    const credentials = store().set('atlanta.com', { username: 'alice', secret: { password: 'x' } });
    const client = new DigestClient({ credentials });
    const invite = { method: 'INVITE', uri: 'sip:carol@chicago.com', body: 'v=0\r\n' };
    const d1 = client.respond({ status: 407, challenges: [challenge('a1', 'MD5', { realm: 'atlanta.com' })], request: invite });
    expect(d1.action === 'retry' && d1.headers.map((h) => [h.name, h.realm])).toEqual([['Proxy-Authorization', 'atlanta.com']]);
    const d2 = client.respond({ status: 407, challenges: [challenge('b1', 'SHA-256', { realm: 'biloxi.com', qop: ['auth-int'] })], request: invite, sent: sent(d1) });
    expect(d2.action === 'retry' && d2.headers.map((h) => [h.name, h.realm])).toEqual([
      ['Proxy-Authorization', 'biloxi.com'],
      ['Proxy-Authorization', 'atlanta.com'],
    ]);
    const values = sent(d2).map(creds);
    expect(values.map((c) => [c.realm, c.nc, c.qop])).toEqual([
      ['biloxi.com', 1, 'auth-int'],
      ['atlanta.com', 2, 'auth'],
    ]);
  });

  it('answers as the identity that sends the request, with nonce counts kept apart per identity (RFC 3261 §22)', () => {
    let i = 0;
    const credentials = new MemoryCredentialStore()
      .set('pbx.example', { username: '100', secret: { password: 'p100' } }, '100@pbx.example')
      .set('pbx.example', { username: '101', secret: { password: 'p101' } }, '101@pbx.example');
    const client = new DigestClient({ credentials, cnonce: () => `c${++i}` });
    const reg = { method: 'REGISTER', uri: 'sip:pbx.example' };
    const pbx = (nonce: string): string => challenge(nonce, 'MD5', { realm: 'pbx.example' });
    const a1 = creds(sent(client.respond({ status: 401, challenges: [pbx('na')], request: reg, identity: '100@pbx.example' }))[0]!);
    const b1 = creds(sent(client.respond({ status: 401, challenges: [pbx('nb')], request: reg, identity: '101@pbx.example' }))[0]!);
    expect([a1.username, a1.nonce, a1.nc, a1.cnonce]).toEqual(['100', 'na', 1, 'c1']);
    expect([b1.username, b1.nonce, b1.nc, b1.cnonce]).toEqual(['101', 'nb', 1, 'c2']);
    // bob's challenge did not replace alice's: her next request reuses her nonce, counting on
    const a2 = creds(client.preemptive(reg, ['pbx.example'], 'sip:100@pbx.example')[0]!.value);
    expect([a2.username, a2.nonce, a2.nc, a2.cnonce]).toEqual(['100', 'na', 2, 'c1']);
    const b2 = creds(client.authorize('pbx.example', reg, '101@pbx.example')!.value);
    expect([b2.username, b2.nonce, b2.nc]).toEqual(['101', 'nb', 2]);
    const a3 = creds(client.preemptive(reg, undefined, '100@pbx.example')[0]!.value);
    expect([a3.nonce, a3.nc]).toEqual(['na', 3]);
    // an identity never challenged has nothing to send up front
    expect(client.preemptive(reg, ['pbx.example'], '102@pbx.example')).toEqual([]);
    expect(client.preemptive(reg)).toEqual([]);
    client.forget('pbx.example', '100@pbx.example');
    expect(client.authorize('pbx.example', reg, '100@pbx.example')).toBeUndefined();
    expect(creds(client.authorize('pbx.example', reg, '101@pbx.example')!.value).nc).toBe(3);
  });

  it('gives up for an identity with no credential when the realm has none either', () => {
    const credentials = new MemoryCredentialStore().set('pbx.example', { username: '100', secret: { password: 'p' } }, '100@pbx.example');
    const client = new DigestClient({ credentials });
    const c = challenge('n', 'MD5', { realm: 'pbx.example' });
    expect(client.respond({ status: 401, challenges: [c], request, identity: '101@pbx.example' })).toMatchObject({ reason: 'no-credentials', realm: 'pbx.example' });
    expect(client.respond({ status: 401, challenges: [c], request })).toMatchObject({ reason: 'no-credentials' });
    expect(client.respond({ status: 401, challenges: [c], request, identity: '100@pbx.example' }).action).toBe('retry');
  });

  it('answers a legacy challenge without qop, nc or cnonce', () => {
    const client = new DigestClient({ credentials: store() });
    const c = creds(sent(client.respond({ status: 401, challenges: ['Digest realm="biloxi.com", nonce="old"'], request }))[0]!);
    expect([c.qop, c.nc, c.cnonce, c.algorithm]).toEqual([undefined, undefined, undefined, 'MD5']);
  });

  it('uses a stored HA1 instead of a password', () => {
    const withPassword = new DigestClient({ credentials: store(), cnonce: () => 'c' });
    const ha1 = new DigestClient({
      cnonce: () => 'c',
      // MD5("bob:biloxi.com:zanzibar"), stored upper-case as some provisioning tools write it
      credentials: new MemoryCredentialStore().set('biloxi.com', { username: 'bob', secret: { ha1: { MD5: '12AF60467A33E8518DA5C68BBFF12B11' } } }),
    });
    const a = sent(withPassword.respond({ status: 401, challenges: [challenge('n')], request }))[0];
    expect(sent(ha1.respond({ status: 401, challenges: [challenge('n')], request }))[0]).toBe(a);
    expect(ha1.respond({ status: 401, challenges: [challenge('n', 'SHA-256')], request })).toMatchObject({ reason: 'no-credentials' });
  });
});
