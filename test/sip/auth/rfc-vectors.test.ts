import { describe, expect, it } from 'vitest';
import { DigestClient, MemoryCredentialStore, computeResponse, digestHex, parseChallenges, parseCredentials } from '../../../main/sip/auth';

/** Joins a header's folded lines as a parser that unfolds would (RFC 3261 §7.3.1). */
const unfold = (s: string): string => s.replace(/\r?\n[ \t]+/g, ' ').replace(/ {2,}/g, ' ').trim();

// RFC 7616 §3.9.1, verbatim (the two challenges and the two answers, user Mufasa, password "Circle of Life").
const RFC7616_CHALLENGE_SHA256 = `Digest
    realm="http-auth@example.org",
    qop="auth, auth-int",
    algorithm=SHA-256,
    nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const RFC7616_CHALLENGE_MD5 = `Digest
    realm="http-auth@example.org",
    qop="auth, auth-int",
    algorithm=MD5,
    nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const RFC7616_AUTH_MD5 = `Digest username="Mufasa",
    realm="http-auth@example.org",
    uri="/dir/index.html",
    algorithm=MD5,
    nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    nc=00000001,
    cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
    qop=auth,
    response="8ca523f5e9506fed4657c9700eebdbec",
    opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const RFC7616_AUTH_SHA256 = `Digest username="Mufasa",
    realm="http-auth@example.org",
    uri="/dir/index.html",
    algorithm=SHA-256,
    nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    nc=00000001,
    cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
    qop=auth,
    response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
    opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;

// RFC 2617 §3.5, verbatim (password "Circle Of Life").
const RFC2617_CHALLENGE = `Digest
                 realm="testrealm@host.com",
                 qop="auth,auth-int",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41"`;
const RFC2617_AUTH = `Digest username="Mufasa",
                 realm="testrealm@host.com",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 uri="/dir/index.html",
                 qop=auth,
                 nc=00000001,
                 cnonce="0a4f113b",
                 response="6629fae49393a05397450978507c4ef1",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41"`;

function mufasa(realm: string, password: string): MemoryCredentialStore {
  return new MemoryCredentialStore().set(realm, { username: 'Mufasa', secret: { password } });
}

describe('RFC 7616 §3.9.1 worked example', () => {
  const request = { method: 'GET', uri: '/dir/index.html' };
  const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

  it('parses both challenges from the folded header text', () => {
    const parsed = parseChallenges(`${RFC7616_CHALLENGE_SHA256}, ${RFC7616_CHALLENGE_MD5}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.map((c) => c.algorithm)).toEqual(['SHA-256', 'MD5']);
    expect(parsed.value[0]).toMatchObject({
      realm: 'http-auth@example.org',
      qop: ['auth', 'auth-int'],
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      stale: false,
    });
  });

  it('answers the SHA-256 challenge with the RFC header, byte for byte', () => {
    const client = new DigestClient({ credentials: mufasa('http-auth@example.org', 'Circle of Life'), cnonce: () => cnonce });
    const decision = client.respond({ status: 401, challenges: [RFC7616_CHALLENGE_SHA256, RFC7616_CHALLENGE_MD5], request });
    expect(decision).toEqual({
      action: 'retry',
      stale: false,
      headers: [{ name: 'Authorization', realm: 'http-auth@example.org', value: unfold(RFC7616_AUTH_SHA256) }],
    });
  });

  it('answers the MD5 challenge with the RFC header, byte for byte', () => {
    const client = new DigestClient({ credentials: mufasa('http-auth@example.org', 'Circle of Life'), cnonce: () => cnonce });
    const decision = client.respond({ status: 401, challenges: [RFC7616_CHALLENGE_MD5], request });
    expect(decision.action === 'retry' && decision.headers[0]?.value).toBe(unfold(RFC7616_AUTH_MD5));
  });

  it('reads the RFC answers back', () => {
    const parsed = parseCredentials(RFC7616_AUTH_SHA256);
    expect(parsed.ok && parsed.value[0]).toMatchObject({
      username: 'Mufasa',
      algorithm: 'SHA-256',
      nc: 1,
      qop: 'auth',
      response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    });
  });
});

describe('RFC 2617 §3.5 example', () => {
  it('computes the RFC response', () => {
    const ha1 = digestHex('MD5', 'Mufasa:testrealm@host.com:Circle Of Life');
    const response = computeResponse({
      algorithm: 'MD5',
      ha1,
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      request: { method: 'GET', uri: '/dir/index.html' },
      qop: 'auth',
      nc: 1,
      cnonce: '0a4f113b',
    });
    expect(response).toBe('6629fae49393a05397450978507c4ef1');
    const parsed = parseCredentials(RFC2617_AUTH);
    expect(parsed.ok && parsed.value[0]?.response).toBe(response);
  });

  it('the client reproduces it from the challenge (no algorithm means MD5)', () => {
    const client = new DigestClient({ credentials: mufasa('testrealm@host.com', 'Circle Of Life'), cnonce: () => '0a4f113b' });
    const decision = client.respond({ status: 401, challenges: [RFC2617_CHALLENGE], request: { method: 'GET', uri: '/dir/index.html' } });
    expect(decision.action).toBe('retry');
    if (decision.action !== 'retry') return;
    const sent = parseCredentials(decision.headers[0]!.value);
    expect(sent.ok && sent.value[0]).toMatchObject({ response: '6629fae49393a05397450978507c4ef1', algorithm: 'MD5', nc: 1 });
  });
});
