/** RFC 3261 §7.3.3 and the IANA registry: compact forms and their long names (lower case). */
const COMPACT: Readonly<Record<string, string>> = {
  a: 'accept-contact', // RFC 3841
  b: 'referred-by', // RFC 3892
  c: 'content-type',
  d: 'request-disposition', // RFC 3841
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact', // RFC 3841
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  o: 'event', // RFC 6665
  r: 'refer-to', // RFC 3515
  s: 'subject',
  t: 'to',
  u: 'allow-events', // RFC 6665
  v: 'via',
  x: 'session-expires', // RFC 4028
  y: 'identity', // RFC 8224
};

/** Names as written most of the time, mapped straight to their keys (skips toLowerCase). */
const KNOWN = new Map<string, string>();

/** How the stack writes long names when it renders a header it set. */
const PRETTY = new Map<string, string>();

for (const name of [
  'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards', 'Contact', 'Content-Length', 'Content-Type', 'Route',
  'Record-Route', 'Allow', 'Supported', 'Require', 'Proxy-Require', 'Unsupported', 'User-Agent', 'Server', 'Expires',
  'Min-Expires', 'Authorization', 'Proxy-Authorization', 'WWW-Authenticate', 'Proxy-Authenticate',
  'Authentication-Info', 'Event', 'Allow-Events', 'Subscription-State', 'Refer-To', 'Referred-By', 'Replaces',
  'Content-Encoding', 'Content-Disposition', 'Content-Language', 'Accept', 'Accept-Encoding', 'Accept-Language',
  'Subject', 'Date', 'Timestamp', 'Retry-After', 'Warning', 'Priority', 'Organization', 'Reply-To', 'In-Reply-To',
  'Error-Info', 'Alert-Info', 'Call-Info', 'MIME-Version', 'Session-Expires', 'Min-SE', 'RSeq', 'RAck', 'Path',
  'Service-Route', 'Identity', 'Accept-Contact', 'Reject-Contact', 'Request-Disposition', 'SIP-ETag', 'SIP-If-Match',
  'P-Asserted-Identity', 'Privacy', 'Reason',
]) {
  const key = name.toLowerCase();
  KNOWN.set(name, key);
  KNOWN.set(key, key);
  PRETTY.set(key, name);
}
for (const [short, key] of Object.entries(COMPACT)) {
  KNOWN.set(short, key);
  KNOWN.set(short.toUpperCase(), key);
}

/** The headers parsed with the message (RFC 3261 §8.1.1, §18, §20); the rest are parsed on first use. */
export const EAGER_KEYS: ReadonlySet<string> = new Set([
  'via', 'from', 'to', 'call-id', 'cseq', 'max-forwards', 'contact', 'content-length', 'content-type', 'route', 'record-route',
]);

/** A header name the parser knows: its key, the spelling most senders use, and whether it is eager. */
export interface KnownName {
  readonly key: string;
  readonly spelling: string;
  readonly eager: boolean;
}

/**
 * Case-folded hash of a token, step by step as a scanner reads it: `h = nameHashStep(h, c)`
 * from 0. Letters fold to lower case; the other token characters stay distinct.
 */
export function nameHashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + (c | 32)) | 0;
}

/**
 * Known names by length and first letter (`length * 32 + (first char & 31)`, which folds
 * letter case): the parser finds a name's key with one array read and a compare.
 */
const BY_SHAPE: (KnownName[] | undefined)[] = [];

function shapeOf(length: number, first: number): number {
  return length < 32 ? length * 32 + (first & 31) : -1;
}

for (const [spelling, key] of [...[...PRETTY].map(([k, v]) => [v, k]), ...Object.entries(COMPACT)] as [string, string][]) {
  const shape = shapeOf(spelling.length, spelling.charCodeAt(0));
  (BY_SHAPE[shape] ??= []).push({ key, spelling, eager: EAGER_KEYS.has(key) });
}

/** Whether the last knownNameAt match was written exactly as its usual spelling. */
export let knownNameExact = false;

/**
 * The known header whose name is s[pos, end) in any case, else undefined; sets
 * `knownNameExact` when it is written as the usual spelling (so that string can be shared).
 */
export function knownNameAt(s: string, pos: number, end: number): KnownName | undefined {
  const list = BY_SHAPE[shapeOf(end - pos, s.charCodeAt(pos))];
  if (list === undefined) return undefined;
  for (let k = 0; k < list.length; k++) {
    const entry = list[k] as KnownName;
    if (s.startsWith(entry.spelling, pos)) {
      knownNameExact = true;
      return entry;
    }
  }
  outer: for (let k = 0; k < list.length; k++) {
    const entry = list[k] as KnownName;
    const spelling = entry.spelling;
    for (let i = 0; i < spelling.length; i++) {
      const a = s.charCodeAt(pos + i);
      const b = spelling.charCodeAt(i);
      // letters match in either case; anything else exactly
      if (a !== b && ((b | 32) < 97 || (b | 32) > 122 || (a | 32) !== (b | 32))) continue outer;
    }
    knownNameExact = false;
    return entry;
  }
  return undefined;
}

/** RFC 3261 §7.3.1, §7.3.3: header names are case-insensitive and compact forms equal long ones. */
export function headerKey(name: string): string {
  const known = KNOWN.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
}

/** The long name to write for a key the stack renders itself (`call-id` → `Call-ID`). */
export function prettyName(name: string): string {
  const key = headerKey(name);
  const pretty = PRETTY.get(key);
  if (pretty !== undefined) return pretty;
  return key.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * RFC 3261 §7.3.1: only headers whose grammar is a comma-separated list may be combined or
 * split at commas. Others (WWW-Authenticate, Authorization, Date, From, …) may hold commas
 * inside one value; unknown headers are never split: splitting what we do not understand
 * could corrupt it.
 */
export function isListHeader(key: string): boolean {
  return LISTS.has(key);
}

const LISTS = new Set([
  'via',
  'contact',
  'route',
  'record-route',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'allow-events',
  'content-encoding',
  'content-language',
  'accept',
  'accept-encoding',
  'accept-language',
  'in-reply-to',
  'warning',
  'error-info',
  'alert-info',
  'call-info',
  'path',
  'service-route',
  'accept-contact',
  'reject-contact',
  'request-disposition',
  'p-asserted-identity',
  'privacy',
  'reason',
]);
