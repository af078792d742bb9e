import net from 'node:net';
import os from 'node:os';
import { bareHost } from './next-hop';

/**
 * The host to put in Contact for a listener bound to `bound` when talking to `remoteHost`:
 * the bound address itself, or for a wildcard bind, loopback towards loopback and else the
 * first external interface address of the same family (RFC 3261 §8.1.1.8: a reachable URI).
 */
export function contactHost(bound: string, remoteHost: string, interfaces = os.networkInterfaces()): string {
  const host = bareHost(bound);
  if (host !== '0.0.0.0' && host !== '::') return host;
  const v6 = host === '::';
  const remote = bareHost(remoteHost);
  if (remote === '::1' || remote.startsWith('127.') || remote === 'localhost') return v6 ? '::1' : '127.0.0.1';
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.internal) continue;
      if (v6 ? info.family === 'IPv6' && !info.scopeid : info.family === 'IPv4') return info.address;
    }
  }
  return v6 ? '::1' : '127.0.0.1';
}

export function isIpLiteral(host: string): boolean {
  return net.isIP(bareHost(host)) !== 0;
}
