import net from 'node:net';
import type { PeerCertificate } from 'node:tls';
import { TlsIdentityError } from './errors';
import { normalizeHost } from './transport-address';

/** The identities a certificate presents, per RFC 5922 §7.1. */
export interface CertificateIdentities {
  /** Hosts from sip:/sips: URI subjectAltNames without a user part, and dNSName entries. */
  domains: string[];
  /** iPAddress subjectAltNames, for targets given as IP literals. */
  ips: string[];
  /** The subject CN, used only when the certificate has no subjectAltName at all. */
  commonName?: string;
}

/** RFC 5922 §7.1: collects the SIP domain identities from subjectAltName (URI, DNS), else CN. */
export function certificateIdentities(cert: PeerCertificate): CertificateIdentities {
  const domains: string[] = [];
  const ips: string[] = [];
  for (const [kind, value] of splitAltNames(cert.subjectaltname ?? '')) {
    if (kind === 'URI') {
      // RFC 5922 §7.1: only sip/sips URIs with no user part name a domain.
      const m = /^sips?:([^@;?]+)$/i.exec(value);
      if (m?.[1]) domains.push(m[1].toLowerCase());
    } else if (kind === 'DNS') {
      domains.push(value.toLowerCase());
    } else if (kind === 'IP Address') {
      ips.push(normalizeHost(value));
    }
  }
  const identities: CertificateIdentities = { domains, ips };
  const cn = cert.subject?.CN;
  // RFC 5922 §7.1: the CN is consulted only when the certificate has no subjectAltName.
  if (!cert.subjectaltname && typeof cn === 'string') identities.commonName = cn.toLowerCase();
  return identities;
}

/**
 * RFC 5922 §7.2 server identity check, in the shape of tls `checkServerIdentity`: the target
 * domain must equal one identity exactly (case-insensitive); wildcards never match.
 * An IP literal target must appear as an iPAddress subjectAltName.
 */
export function checkSipServerIdentity(target: string, cert: PeerCertificate): Error | undefined {
  const expected = normalizeHost(target).replace(/\.$/, '');
  const ids = certificateIdentities(cert);
  if (net.isIP(expected)) {
    return ids.ips.includes(expected) ? undefined : new TlsIdentityError(expected, presented(ids));
  }
  const names = ids.domains.length > 0 ? ids.domains : ids.commonName ? [ids.commonName] : [];
  // RFC 5922 §7.2: wildcard names are not matched; a `*` label compares as the literal text.
  return names.some((name) => name.replace(/\.$/, '') === expected) ? undefined : new TlsIdentityError(expected, presented(ids));
}

function presented(ids: CertificateIdentities): string[] {
  return [...ids.domains, ...ids.ips, ...(ids.commonName ? [`CN=${ids.commonName}`] : [])];
}

/** Splits Node's `subjectaltname` text ("DNS:a, IP Address:1.2.3.4, URI:\"x,y\"") into pairs. */
export function splitAltNames(text: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === ',') i++;
    const colon = text.indexOf(':', i);
    if (colon < 0) break;
    const kind = text.slice(i, colon);
    let j = colon + 1;
    let value = '';
    if (text[j] === '"') {
      // Node JSON-quotes values that contain commas or quotes.
      let end = j + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(text.slice(j, end + 1)) as string;
      } catch {
        value = text.slice(j + 1, end);
      }
      j = end + 1;
    } else {
      const comma = text.indexOf(',', j);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(j, end);
      j = end;
    }
    out.push([kind, value]);
    i = j;
  }
  return out;
}
