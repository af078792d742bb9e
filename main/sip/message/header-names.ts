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

/** A header name the parser knows: its key and the spelling most senders use. */
export interface KnownName {
  readonly key: string;
  readonly spelling: string;
}

/**
 * Case-folded hash of a token, step by step as the parser scans it: `h = nameHashStep(h, c)`
 * from 0. Letters fold to lower case; the other token characters stay distinct.
 */
export function nameHashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + (c | 32)) | 0;
}

const BY_HASH = new Map<number, KnownName[]>();
for (const [spelling, key] of [...[...PRETTY].map(([k, v]) => [v, k]), ...Object.entries(COMPACT)] as [string, string][]) {
  let h = 0;
  for (let i = 0; i < spelling.length; i++) h = nameHashStep(h, spelling.charCodeAt(i));
  const list = BY_HASH.get(h);
  if (list) list.push({ key, spelling });
  else BY_HASH.set(h, [{ key, spelling }]);
}

/** What knownNameAt found: the name, and whether it was written exactly as its usual spelling. */
export interface NameMatch {
  key: string;
  spelling: string;
  exact: boolean;
}

const match: NameMatch = { key: '', spelling: '', exact: false };

/**
 * The known header whose name is s[pos, end) in any case (its hash given), else undefined.
 * The answer is a shared object, valid until the next call.
 */
export function knownNameAt(s: string, pos: number, end: number, hash: number): Readonly<NameMatch> | undefined {
  const list = BY_HASH.get(hash);
  if (list === undefined) return undefined;
  outer: for (let k = 0; k < list.length; k++) {
    const entry = list[k] as KnownName;
    const spelling = entry.spelling;
    if (spelling.length !== end - pos) continue;
    let exact = true;
    for (let i = 0; i < spelling.length; i++) {
      const a = s.charCodeAt(pos + i);
      const b = spelling.charCodeAt(i);
      if (a === b) continue;
      if ((a | 32) !== (b | 32)) continue outer;
      exact = false;
    }
    match.key = entry.key;
    match.spelling = spelling;
    match.exact = exact;
    return match;
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
