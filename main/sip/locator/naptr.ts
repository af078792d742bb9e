import type { NaptrRecord } from './dns-client';
import type { SipTransport } from './sip-target';

/** RFC 3263 §4.1 NAPTR services and the transports they name. */
const SERVICES: Record<string, SipTransport> = {
  'SIP+D2U': 'udp',
  'SIP+D2T': 'tcp',
  'SIPS+D2T': 'tls',
};

export interface NaptrChoice {
  readonly transport: SipTransport;
  /** The SRV name to query next. */
  readonly srvName: string;
}

/**
 * The usable NAPTR records, in the order to try them (RFC 3263 §4.1; RFC 3403 §4.1: lowest
 * order, then lowest preference). Only "s" records for SIP services we support are kept; a
 * SIPS URI keeps only SIPS+D2T (TLS).
 */
export function sipNaptrChoices(records: readonly NaptrRecord[], scheme: 'sip' | 'sips', supported: readonly SipTransport[]): NaptrChoice[] {
  const out: (NaptrChoice & { order: number; preference: number })[] = [];
  for (const r of records) {
    if (r.flags.toLowerCase() !== 's') continue; // RFC 3263 §4.1: the next lookup is SRV
    const transport = SERVICES[r.service.toUpperCase()];
    if (!transport || !supported.includes(transport)) continue;
    if (scheme === 'sips' && transport !== 'tls') continue;
    if (r.replacement === '' || r.replacement === '.') continue;
    out.push({ transport, srvName: r.replacement, order: r.order, preference: r.preference });
  }
  out.sort((a, b) => a.order - b.order || a.preference - b.preference);
  return out.map(({ transport, srvName }) => ({ transport, srvName }));
}
