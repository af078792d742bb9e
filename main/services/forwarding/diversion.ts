import { formatUri, parseNameAddr, splitList, type SipMessage } from '../../sip/message';

/** RFC 5806 §3: why a call was diverted. */
export type DiversionReason = 'unconditional' | 'user-busy' | 'no-answer' | 'do-not-disturb';

/**
 * RFC 5806 §3: the Diversion value a redirecting endpoint adds, naming itself, the reason and
 * how many diversions this makes.
 */
export function diversionValue(diverter: string, reason: DiversionReason, counter = 1): string {
  return `<${diverter}>;reason=${reason};counter=${counter}`;
}

/** Diversion values of a message in order, most recent diversion first (RFC 5806 §3). */
export function diversions(message: SipMessage): string[] {
  return message.getHeaders('Diversion').flatMap((v) => splitList(v)).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Whom a call came through: the most recent diverting party from Diversion (RFC 5806 §3:
 * the top-most value), else from History-Info (RFC 7044 §4: the entry before the last, i.e. the
 * target that was retargeted to us). Values that do not parse are skipped.
 */
export function forwardedFrom(message: SipMessage): string | undefined {
  for (const value of diversions(message)) {
    const r = parseNameAddr(value);
    if (r.ok) return formatUri(r.value.uri);
  }
  const entries = message
    .getHeaders('History-Info')
    .flatMap((v) => splitList(v))
    .map((v) => parseNameAddr(v.trim()))
    .flatMap((r) => (r.ok ? [r.value] : []));
  if (entries.length < 2) return undefined;
  // RFC 7044 §4: entries are ordered by index; the retargeting one sits before ours.
  const sorted = [...entries].sort((a, b) => compareIndex(String(a.params.get('index') ?? ''), String(b.params.get('index') ?? '')));
  const previous = sorted.at(-2);
  if (!previous) return undefined;
  // The hi-targeted-to-uri may carry ?Reason=… as a URI header; it is not part of the address.
  return formatUri({ ...previous.uri, headers: new Map() });
}

/** RFC 7044 §10.3 index: dot-separated integers, compared field by field. */
function compareIndex(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return Number.isNaN(d) ? 0 : d;
  }
  return 0;
}
