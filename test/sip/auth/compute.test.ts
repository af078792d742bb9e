import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { computeResponse, digestHex, isSupported, supportedAlgorithms } from '../../../main/sip/auth';

// An independent MD5 digest implementation (the `sip` package) to cross-check -sess and auth-int.
interface SipDigest {
  calculateHA1(ctx: Record<string, string>): string;
  calculateDigest(ctx: Record<string, string>): string;
}
const other = createRequire(import.meta.url)('sip/digest') as SipDigest;

const base = { user: 'bob', realm: 'biloxi.com', password: 'zanzibar', nonce: 'dc3a5ab2', cnonce: '0a4f113b', nc: '00000003' };
const request = { method: 'INVITE', uri: 'sip:bob@biloxi.com', body: 'v=0\r\no=bob 1 1 IN IP4 192.0.2.4\r\n' };
const ha1 = digestHex('MD5', 'bob:biloxi.com:zanzibar');

describe('digest computation', () => {
  it('MD5-sess agrees with an independent implementation', () => {
    const ctx = { ...base, algorithm: 'md5-sess', method: request.method, uri: request.uri, qop: 'auth' };
    const expected = other.calculateDigest({ ...ctx, ha1: other.calculateHA1(ctx) });
    expect(computeResponse({ algorithm: 'MD5-sess', ha1, nonce: 'dc3a5ab2', request, qop: 'auth', nc: 3, cnonce: '0a4f113b' })).toBe(expected);
    expect(expected).toBe('fbed72f9c3196dcb15b061dedb9af562');
  });

  it('auth-int hashes the body and agrees with an independent implementation', () => {
    const ctx = { ...base, algorithm: 'md5', method: request.method, uri: request.uri, qop: 'auth-int', entity: request.body };
    const expected = other.calculateDigest({ ...ctx, ha1: other.calculateHA1(ctx) });
    const ours = computeResponse({ algorithm: 'MD5', ha1, nonce: 'dc3a5ab2', request, qop: 'auth-int', nc: 3, cnonce: '0a4f113b' });
    expect(ours).toBe(expected);
    const asBytes = computeResponse({
      algorithm: 'MD5',
      ha1,
      nonce: 'dc3a5ab2',
      request: { ...request, body: new TextEncoder().encode(request.body) },
      qop: 'auth-int',
      nc: 3,
      cnonce: '0a4f113b',
    });
    expect(asBytes).toBe(ours);
    expect(computeResponse({ algorithm: 'MD5', ha1, nonce: 'dc3a5ab2', request: { ...request, body: 'x' }, qop: 'auth-int', nc: 3, cnonce: '0a4f113b' })).not.toBe(ours);
  });

  it('auth-int with no body hashes the empty string', () => {
    const ctx = { ...base, algorithm: 'md5', method: 'REGISTER', uri: 'sip:biloxi.com', qop: 'auth-int', entity: '' };
    const expected = other.calculateDigest({ ...ctx, ha1: other.calculateHA1(ctx) });
    expect(computeResponse({ algorithm: 'MD5', ha1, nonce: 'dc3a5ab2', request: { method: 'REGISTER', uri: 'sip:biloxi.com' }, qop: 'auth-int', nc: 3, cnonce: '0a4f113b' })).toBe(expected);
  });

  it('the legacy form (no qop) is KD(HA1, nonce:HA2)', () => {
    const ctx = { ...base, algorithm: 'md5', method: request.method, uri: request.uri };
    const expected = other.calculateDigest({ ...ctx, ha1: other.calculateHA1(ctx) });
    expect(computeResponse({ algorithm: 'MD5', ha1, nonce: 'dc3a5ab2', request })).toBe(expected);
  });

  it('SHA-256-sess follows the same formula with SHA-256', () => {
    const h = (s: string): string => digestHex('SHA-256', s);
    const ha1s = h(`${h('bob:biloxi.com:zanzibar')}:dc3a5ab2:0a4f113b`);
    const expected = h(`${ha1s}:dc3a5ab2:00000003:0a4f113b:auth:${h('INVITE:sip:bob@biloxi.com')}`);
    expect(computeResponse({ algorithm: 'SHA-256-sess', ha1: h('bob:biloxi.com:zanzibar'), nonce: 'dc3a5ab2', request, qop: 'auth', nc: 3, cnonce: '0a4f113b' })).toBe(expected);
  });

  it('SHA-512/256 is the truncated SHA-512 variant (FIPS 180-4 "abc" vector), when node:crypto has it', () => {
    if (!isSupported('SHA-512-256')) return;
    expect(digestHex('SHA-512-256', 'abc')).toBe('53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23');
    expect(supportedAlgorithms()[0]).toBe('SHA-512-256');
  });
});
