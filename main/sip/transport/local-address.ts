import net from 'node:net';
import os from 'node:os';
import { isWildcard, normalizeHost } from './transport-address';

/** True for 127.0.0.0/8 and ::1. */
export function isLoopback(host: string): boolean {
  const h = normalizeHost(host);
  return h === '::1' || h.startsWith('127.');
}

/** True for IPv4 224.0.0.0/4 and IPv6 ff00::/8. */
export function isMulticast(host: string): boolean {
  const h = normalizeHost(host);
  if (net.isIPv4(h)) {
    const first = Number(h.split('.')[0]);
    return first >= 224 && first <= 239;
  }
  return net.isIPv6(h) && h.startsWith('ff');
}

/**
 * The address to advertise (Via sent-by, RFC 3261 §18.1.1) for a listener bound to `bound`:
 * the bound address itself, or for a wildcard bind, a loopback address when talking to
 * loopback and else the first external interface address of the same family.
 */
export function advertisedHost(bound: string, remoteHost: string, interfaces?: NodeJS.Dict<os.NetworkInterfaceInfo[]>): string {
  if (!isWildcard(bound)) return normalizeHost(bound);
  const family = net.isIPv6(normalizeHost(bound)) ? 'IPv6' : 'IPv4';
  if (isLoopback(remoteHost)) return family === 'IPv6' ? '::1' : '127.0.0.1';
  for (const list of Object.values(interfaces ?? currentInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === family && !info.internal && !(family === 'IPv6' && info.scopeid)) return info.address;
    }
  }
  return family === 'IPv6' ? '::1' : '127.0.0.1';
}

/** How long a look at the interfaces stays good: addresses change rarely, sends are many. */
const INTERFACES_TTL_MS = 1000;
let interfacesSeen: { at: number; value: NodeJS.Dict<os.NetworkInterfaceInfo[]> } | undefined;

/** os.networkInterfaces() costs a system call walk (~0.3 ms); one look serves a second of sends. */
function currentInterfaces(): NodeJS.Dict<os.NetworkInterfaceInfo[]> {
  const now = performance.now();
  if (!interfacesSeen || now - interfacesSeen.at > INTERFACES_TTL_MS) interfacesSeen = { at: now, value: os.networkInterfaces() };
  return interfacesSeen.value;
}
