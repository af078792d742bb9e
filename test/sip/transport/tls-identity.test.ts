import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { TlsIdentityError } from '../../../main/sip/transport/errors';
import { certificateIdentities, checkSipServerIdentity, splitAltNames } from '../../../main/sip/transport/tls-identity';
import { pem } from './tls-fixtures';

/** The fields of a PeerCertificate that the identity check reads, from a fixture. */
function peer(name: string): PeerCertificate {
  const x = new X509Certificate(pem(`${name}.crt`));
  const cn = /CN=([^\n]+)/.exec(x.subject)?.[1];
  return { subject: { CN: cn }, subjectaltname: x.subjectAltName } as unknown as PeerCertificate;
}

describe('RFC 5922 server identity', () => {
  it('splits Node subjectaltname text, quoted values included', () => {
    expect(splitAltNames('DNS:a.example, IP Address:127.0.0.1, URI:"sip:x,y"')).toEqual([
      ['DNS', 'a.example'],
      ['IP Address', '127.0.0.1'],
      ['URI', 'sip:x,y'],
    ]);
  });

  it('collects dNSName, sip URI and iPAddress identities (§7.1)', () => {
    expect(certificateIdentities(peer('server'))).toEqual({ domains: ['localhost', 'sip.litesip.test'], ips: ['127.0.0.1', '::1'] });
    expect(certificateIdentities(peer('uri-san')).domains).toEqual(['uri.litesip.test']);
  });

  it('accepts an exact, case-insensitive dNSName match and an IP SAN for IP targets', () => {
    expect(checkSipServerIdentity('SIP.LiteSIP.test', peer('server'))).toBeUndefined();
    expect(checkSipServerIdentity('127.0.0.1', peer('server'))).toBeUndefined();
    expect(checkSipServerIdentity('::1', peer('server'))).toBeUndefined();
    expect(checkSipServerIdentity('[::1]', peer('server'))).toBeUndefined();
  });

  it('accepts a sip: URI SAN (§7.1)', () => {
    expect(checkSipServerIdentity('uri.litesip.test', peer('uri-san'))).toBeUndefined();
  });

  it('rejects a certificate for another name, naming what it presented', () => {
    const err = checkSipServerIdentity('sip.litesip.test', peer('wrong-name'));
    expect(err).toBeInstanceOf(TlsIdentityError);
    expect(err?.message).toContain('wrong.litesip.test');
    expect(checkSipServerIdentity('10.0.0.1', peer('server'))).toBeInstanceOf(TlsIdentityError);
  });

  it('never matches wildcards (§7.2)', () => {
    expect(checkSipServerIdentity('a.litesip.test', peer('wildcard'))).toBeInstanceOf(TlsIdentityError);
  });

  it('falls back to the CN only when there is no subjectAltName', () => {
    expect(checkSipServerIdentity('cn.litesip.test', peer('cn-only'))).toBeUndefined();
    // server has SANs, so its CN (localhost, also a SAN) is not what matched: a CN-only name must fail.
    expect(checkSipServerIdentity('wild.litesip.test', peer('wildcard'))).toBeInstanceOf(TlsIdentityError);
  });
});
