import { parseUri, type Uri } from '../../sip/message';

/**
 * Turns what a person typed into a URI to call: a sip:/sips: URI as it is, `user@host` as
 * sip:, and a tel: number or bare digits at the account's domain (RFC 3261 §19.1.6 user=phone).
 */
export function dialTarget(text: string, accountDomain: string | undefined): Uri | string {
  const t = text.trim();
  let candidate: string;
  if (/^sips?:/i.test(t)) candidate = t;
  else if (/^tel:/i.test(t) || /^\+?[0-9*#][0-9*#().\- ]*$/.test(t)) {
    if (!accountDomain) return `"${t}" is a phone number; calling numbers needs an account with a server`;
    const number = t.replace(/^tel:/i, '').replace(/[().\- ]/g, '');
    candidate = `sip:${number}@${accountDomain};user=phone`;
  } else if (t.includes('@')) candidate = `sip:${t}`;
  else return `"${t}" is not a SIP address; use sip:user@host or user@host`;
  const r = parseUri(candidate);
  if (!r.ok || (r.value.scheme !== 'sip' && r.value.scheme !== 'sips')) return `"${t}" is not a SIP address: ${r.ok ? 'wrong scheme' : r.error.reason}`;
  return r.value;
}

/** The domain of the account we run as (`identity`), or none when we run as a bare local address. */
export function identityDomain(identity: string, localUri: string): string | undefined {
  if (identity === localUri) return undefined;
  const aor = parseUri(identity);
  if (!aor.ok) return undefined;
  return aor.value.port !== undefined ? `${aor.value.host}:${aor.value.port}` : aor.value.host;
}
