import { isToken, scanToken, skipWs } from './chars';
import { SipParseError } from './errors';
import { scanAuth } from './auth-header';
import { scanEnd, scanNameAddr } from './name-addr';
import { scanHeaderParams } from './params';
import { splitList } from './split-list';
import type { AuthParams, NameAddr, ParseResult, TokenWithParams } from './types';

/**
 * How to parse a header that is not parsed eagerly. `parse` receives every value of the
 * header in order: list headers already split at top-level commas, others one per line.
 */
export interface HeaderSpec<T> {
  /** Lower-case long name. */
  readonly key: string;
  /** Name used in reasons ("Bad Expires header: …"). */
  readonly name: string;
  parse(values: readonly string[]): T | HeaderFault;
}

/** Why a header value does not parse (a class, so a spec can return plain strings as values). */
export class HeaderFault {
  constructor(readonly reason: string) {}
}

function fault(reason: string): HeaderFault {
  return new HeaderFault(reason);
}

/** Runs a spec over values, wrapping a fault into a typed error. */
export function runSpec<T>(spec: HeaderSpec<T>, values: readonly string[]): ParseResult<T> {
  const r = spec.parse(values);
  if (r instanceof HeaderFault) return { ok: false, error: new SipParseError('bad-header', `Bad ${spec.name} header: ${r.reason}`, 400, spec.key) };
  return { ok: true, value: r };
}

function single(values: readonly string[]): string | undefined {
  return values.length === 1 ? values[0] : undefined;
}

/** A delta-seconds header (Expires, Min-Expires; RFC 3261 §20.19, §20.23). */
function deltaSeconds(key: string, name: string): HeaderSpec<number> {
  return {
    key,
    name,
    parse(values) {
      const v = single(values);
      if (v === undefined) return fault('expected exactly one value');
      // RFC 3261 §20.19: values above 2**32-1 are taken as 2**32-1
      if (!/^\d+$/.test(v)) return fault('not a number of seconds');
      return Math.min(Number(v), 2 ** 32 - 1);
    },
  };
}

/** A list of option tags or methods (Supported, Require, Allow, …). */
function tokenList(key: string, name: string): HeaderSpec<string[]> {
  return {
    key,
    name,
    parse(values) {
      for (const v of values) if (!isToken(v)) return fault(`"${v}" is not a token`);
      return [...values];
    },
  };
}

/** A token with parameters (Event, Subscription-State; RFC 6665 §8.2). */
function tokenWithParams(key: string, name: string): HeaderSpec<TokenWithParams> {
  return {
    key,
    name,
    parse(values) {
      const v = single(values);
      if (v === undefined) return fault('expected exactly one value');
      const i = skipWs(v, 0);
      // event-type allows "." inside tokens; token already does
      const e = scanToken(v, i);
      if (e === i) return fault('missing value');
      const p = scanHeaderParams(v, e, v.length);
      if (p.end !== v.length) return fault('bad parameter');
      return { value: v.slice(i, e).toLowerCase(), params: p.params };
    },
  };
}

function auth(key: string, name: string): HeaderSpec<AuthParams[]> {
  return {
    key,
    name,
    parse(values) {
      const out: AuthParams[] = [];
      for (const v of values) {
        const r = scanAuth(v);
        if (typeof r === 'string') return fault(r);
        out.push(r);
      }
      return out;
    },
  };
}

function address(key: string, name: string): HeaderSpec<NameAddr> {
  return {
    key,
    name,
    parse(values) {
      const v = single(values);
      if (v === undefined) return fault('expected exactly one value');
      const r = scanNameAddr(v, 0, v.length);
      if (typeof r === 'string') return fault(r);
      if (skipWs(v, scanEnd) !== v.length) return fault('trailing characters');
      return r;
    },
  };
}

function text(key: string, name: string): HeaderSpec<string> {
  return { key, name, parse: (values) => values.join(', ') };
}

/** The typed accessors of headers parsed on first use. */
export const HEADERS = {
  expires: deltaSeconds('expires', 'Expires'),
  minExpires: deltaSeconds('min-expires', 'Min-Expires'),
  supported: tokenList('supported', 'Supported'),
  require: tokenList('require', 'Require'),
  proxyRequire: tokenList('proxy-require', 'Proxy-Require'),
  unsupported: tokenList('unsupported', 'Unsupported'),
  allow: tokenList('allow', 'Allow'),
  allowEvents: tokenList('allow-events', 'Allow-Events'),
  event: tokenWithParams('event', 'Event'),
  subscriptionState: tokenWithParams('subscription-state', 'Subscription-State'),
  wwwAuthenticate: auth('www-authenticate', 'WWW-Authenticate'),
  proxyAuthenticate: auth('proxy-authenticate', 'Proxy-Authenticate'),
  authorization: auth('authorization', 'Authorization'),
  proxyAuthorization: auth('proxy-authorization', 'Proxy-Authorization'),
  authenticationInfo: authInfo(),
  referTo: address('refer-to', 'Refer-To'),
  referredBy: address('referred-by', 'Referred-By'),
  userAgent: text('user-agent', 'User-Agent'),
  server: text('server', 'Server'),
  subject: text('subject', 'Subject'),
} satisfies Record<string, HeaderSpec<unknown>>;

/** Authentication-Info is parameters without a scheme (RFC 3261 §20.6). */
function authInfo(): HeaderSpec<ReadonlyMap<string, string>> {
  return {
    key: 'authentication-info',
    name: 'Authentication-Info',
    parse(values) {
      const v = single(values);
      if (v === undefined) return fault('expected exactly one value');
      const r = scanAuth(`X ${v}`);
      return typeof r === 'string' ? fault(r) : r.params;
    },
  };
}

/** The values a spec receives: list headers split at top-level commas (RFC 3261 §7.3.1). */
export function splitValues(isList: boolean, raw: readonly string[]): string[] {
  if (!isList) return [...raw];
  const out: string[] = [];
  for (const v of raw) for (const item of splitList(v)) out.push(item);
  return out;
}
