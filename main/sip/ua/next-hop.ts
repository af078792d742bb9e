import net from 'node:net';
import type { Uri } from '../message';
import type { SipLocator, SipTarget, TargetIterator } from '../locator';
import type { TransportAddress } from '../transport';

/** One place to send a request: an address, and the name a TLS certificate must carry (RFC 5922). */
export interface HopTarget extends TransportAddress {
  serverName?: string;
}

/** The targets for a next hop, tried in order on timeout, transport error or 503 (RFC 3263 §4.3). */
export interface HopTargets {
  next(): HopTarget | undefined;
  fail(target: HopTarget, retryAfterSeconds?: number): void;
}

export type NextHopResult = { ok: true; targets: HopTargets } | { ok: false; reason: string };

/** Strips the brackets of an IPv6 reference. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * RFC 3263 §4: where a request for `uri` goes. A numeric host is used as it is (with the
 * transport parameter, or TLS for sips and UDP otherwise); a name goes through the locator.
 */
export async function resolveNextHop(uri: Uri, locator: SipLocator | undefined): Promise<NextHopResult> {
  if (uri.scheme !== 'sip' && uri.scheme !== 'sips') return { ok: false, reason: `cannot route a ${uri.scheme}: URI` };
  const host = bareHost(uri.params.get('maddr') ?? uri.host);
  const param = uri.params.get('transport')?.toLowerCase();
  if (net.isIP(host) !== 0) {
    const transport = uri.scheme === 'sips' ? 'tls' : param === 'tcp' || param === 'tls' ? param : 'udp';
    const target: HopTarget = { transport, host, port: uri.port ?? (transport === 'tls' ? 5061 : 5060) };
    return { ok: true, targets: single(target) };
  }
  if (!locator) return { ok: false, reason: `no DNS resolver configured to find ${host}` };
  const opened = await locator.open({
    scheme: uri.scheme,
    host,
    ...(uri.port !== undefined ? { port: uri.port } : {}),
    ...(param ? { transport: param } : {}),
  });
  if (!opened.ok) return { ok: false, reason: opened.error.message };
  return { ok: true, targets: fromIterator(opened.targets) };
}

function single(target: HopTarget): HopTargets {
  let given = false;
  return {
    next: () => (given ? undefined : ((given = true), target)),
    fail: () => undefined,
  };
}

function fromIterator(it: TargetIterator): HopTargets {
  const byHop = new Map<HopTarget, SipTarget>();
  return {
    next() {
      const t = it.next();
      if (!t) return undefined;
      const hop: HopTarget = { transport: t.transport, host: t.address, port: t.port, serverName: t.host };
      byHop.set(hop, t);
      return hop;
    },
    fail(hop, retryAfter) {
      const t = byHop.get(hop);
      if (t) it.fail(t, retryAfter);
    },
  };
}
