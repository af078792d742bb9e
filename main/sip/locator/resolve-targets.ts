import { isIP } from 'node:net';
import type { DnsAnswer, DnsClient } from './dns-client';
import { LocateError, type DnsProblem } from './errors';
import { sipNaptrChoices } from './naptr';
import { defaultPort, targetKey, type LocateRequest, type SipTarget, type SipTransport } from './sip-target';
import { orderSrv, type RandomSource } from './srv-order';

export interface ResolveDeps {
  readonly dns: DnsClient;
  /** Transports this UA can use; default all three. */
  readonly transports?: readonly SipTransport[];
  /** Address families to look up, in order of preference. Default IPv4 then IPv6. */
  readonly families?: readonly (4 | 6)[];
  readonly random?: RandomSource;
}

export type LocateResult =
  | { readonly ok: true; readonly targets: readonly SipTarget[]; readonly problems: readonly DnsProblem[] }
  | { readonly ok: false; readonly error: LocateError };

const ALL: readonly SipTransport[] = ['udp', 'tcp', 'tls'];

/** A target's host without IPv6 brackets. */
function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** RFC 3263 §4.1 with a transport parameter; undefined for one we cannot use. */
function transportFromParam(param: string, scheme: 'sip' | 'sips'): SipTransport | undefined {
  switch (param.toLowerCase()) {
    case 'udp':
      return scheme === 'sips' ? undefined : 'udp'; // RFC 3261 §26.2.2: SIPS never goes over UDP
    case 'tcp':
      return scheme === 'sips' ? 'tls' : 'tcp'; // RFC 3263 §4.1: SIPS over TCP means TLS
    case 'tls':
      return 'tls';
    default:
      return undefined;
  }
}

/** The ordered targets for a SIP or SIPS URI (RFC 3263 §4). */
export async function resolveTargets(req: LocateRequest, deps: ResolveDeps): Promise<LocateResult> {
  const run = new Resolution(req, deps);
  return run.go();
}

class Resolution {
  private readonly problems: DnsProblem[] = [];
  private readonly supported: readonly SipTransport[];
  private readonly random: RandomSource;
  private readonly host: string;

  constructor(
    private readonly req: LocateRequest,
    private readonly deps: ResolveDeps,
  ) {
    this.supported = deps.transports ?? ALL;
    this.random = deps.random ?? Math.random;
    this.host = req.host;
  }

  async go(): Promise<LocateResult> {
    const { req } = this;
    // RFC 3263 §4: maddr, when present, is the TARGET.
    const target = bare(req.maddr ?? req.host);
    if (target === '') return this.fail('bad-uri', 'the URI has no host');
    if (req.port !== undefined && !(Number.isInteger(req.port) && req.port > 0 && req.port < 65536)) {
      return this.fail('bad-uri', `port ${req.port} is out of range`);
    }
    const numeric = isIP(target) !== 0;

    // RFC 3263 §4.1: an explicit transport parameter decides.
    let transport: SipTransport | undefined;
    if (req.transport !== undefined) {
      transport = transportFromParam(req.transport, req.scheme);
      if (!transport) return this.fail('unsupported-transport', `transport=${req.transport} cannot be used for a ${req.scheme} URI`);
    } else if (numeric || req.port !== undefined) {
      // RFC 3263 §4.1: a numeric address or an explicit port means UDP for sip, TLS over TCP for sips.
      transport = req.scheme === 'sips' ? 'tls' : 'udp';
    }
    if (transport && !this.supported.includes(transport)) {
      return this.fail('unsupported-transport', `this user agent does not do ${transport}`);
    }

    // RFC 3263 §4.2: a numeric address is used as it is.
    if (numeric) {
      const t = transport as SipTransport;
      return this.done([{ transport: t, address: target, port: req.port ?? defaultPort(t), host: this.host }]);
    }
    // RFC 3263 §4.2: an explicit port means A/AAAA only.
    if (req.port !== undefined) {
      return this.done(await this.addresses(target, transport as SipTransport, req.port));
    }
    if (transport) {
      // RFC 3263 §4.2: known transport, no port: SRV for it, else A/AAAA on the default port.
      const bySrv = await this.viaSrv(srvName(transport, target), transport);
      if (bySrv.length > 0) return this.done(bySrv);
      return this.done(await this.addresses(target, transport, defaultPort(transport)));
    }
    return this.done(await this.byNaptrOrSrv(target));
  }

  /** RFC 3263 §4.1: NAPTR first; without usable NAPTR, SRV for each transport; then A/AAAA. */
  private async byNaptrOrSrv(domain: string): Promise<SipTarget[]> {
    const naptr = this.note(domain, 'NAPTR', await this.deps.dns.naptr(domain));
    const choices = naptr ? sipNaptrChoices(naptr, this.req.scheme, this.supported) : [];
    const out: SipTarget[] = [];
    for (const choice of choices) out.push(...(await this.viaSrv(choice.srvName, choice.transport)));
    if (out.length > 0) return out;

    // RFC 3263 §4.1: no (usable) NAPTR: SRV for every supported transport (only TLS for sips); TLS first.
    // NAPTR pointing at SRV names that give nothing falls through here too, then to §4.2's A/AAAA.
    const order: SipTransport[] = this.req.scheme === 'sips' ? ['tls'] : ['tls', 'tcp', 'udp'];
    for (const t of order.filter((x) => this.supported.includes(x))) out.push(...(await this.viaSrv(srvName(t, domain), t)));
    if (out.length > 0) return out;

    // RFC 3263 §4.2: nothing: A/AAAA on the default port, UDP for sip and TLS for sips.
    const fallback: SipTransport = this.req.scheme === 'sips' ? 'tls' : 'udp';
    if (!this.supported.includes(fallback)) return [];
    return this.addresses(domain, fallback, defaultPort(fallback));
  }

  private async viaSrv(name: string, transport: SipTransport): Promise<SipTarget[]> {
    const records = this.note(name, 'SRV', await this.deps.dns.srv(name));
    if (!records) return [];
    const out: SipTarget[] = [];
    for (const r of orderSrv(records, this.random)) out.push(...(await this.addresses(r.name, transport, r.port)));
    return out;
  }

  private async addresses(name: string, transport: SipTransport, port: number): Promise<SipTarget[]> {
    const out: SipTarget[] = [];
    for (const family of this.deps.families ?? [4, 6]) {
      const answer = family === 4 ? await this.deps.dns.a(name) : await this.deps.dns.aaaa(name);
      const records = this.note(name, family === 4 ? 'A' : 'AAAA', answer);
      for (const address of records ?? []) out.push({ transport, address, port, host: this.host });
    }
    return out;
  }

  private note<T>(name: string, type: DnsProblem['type'], answer: DnsAnswer<T>): readonly T[] | undefined {
    if (answer.ok) return answer.records;
    this.problems.push({ name, type, failure: answer.failure, detail: answer.detail });
    return undefined;
  }

  private done(targets: SipTarget[]): LocateResult {
    const seen = new Set<string>();
    const unique = targets.filter((t) => !seen.has(targetKey(t)) && (seen.add(targetKey(t)), true));
    if (unique.length === 0) return this.fail('no-targets', `no server found for ${this.req.maddr ?? this.req.host}`);
    return { ok: true, targets: unique, problems: this.problems };
  }

  private fail(fault: LocateError['fault'], message: string): LocateResult {
    return { ok: false, error: new LocateError(fault, message, this.problems) };
  }
}

/** RFC 3263 §4.2 SRV names: _sips._tcp for TLS, _sip._tcp and _sip._udp otherwise. */
export function srvName(transport: SipTransport, domain: string): string {
  return transport === 'tls' ? `_sips._tcp.${domain}` : `_sip._${transport}.${domain}`;
}
