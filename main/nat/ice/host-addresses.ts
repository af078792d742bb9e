import os from 'node:os';

/**
 * Addresses to gather host candidates on (RFC 8445 §5.1.1.1): the bound address itself, or for
 * a wildcard every non-loopback IPv4 interface address (link-local left out, §5.1.1.1).
 */
export function hostAddresses(bindHost: string): string[] {
  if (bindHost !== '0.0.0.0' && bindHost !== '::' && bindHost !== '') return [bindHost];
  const found: string[] = [];
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const e of entries ?? []) {
      if (e.family === 'IPv4' && !e.internal && !e.address.startsWith('169.254.')) found.push(e.address);
    }
  }
  return found;
}
