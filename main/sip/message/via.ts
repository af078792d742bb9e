import { parseDigits, scanToken, skipWs } from './chars';
import { SipParseError } from './errors';
import { formatHostPort } from './format-uri';
import { isHost, isIpv4, isIpv6, scanHost } from './host';
import { NO_PARAMS, formatParams, scanHeaderParams } from './params';
import type { ParseResult, Params, Via } from './types';

export type ViaScan = { value: Via; end: number } | string;

/**
 * RFC 3261 §20.42, §25.1 via-parm = sent-protocol LWS sent-by *( SEMI via-params ), where
 * sent-protocol = protocol-name SLASH protocol-version SLASH transport and SLASH may carry
 * whitespace on both sides. Stops before a `,`.
 */
export function scanVia(s: string, i: number, end: number): ViaScan {
  i = skipWs(s, i, end);
  let protocol: string;
  let transport: string;
  let transportEnd: number;
  const fast = s.startsWith('SIP/2.0/', i) ? knownTransport(s, i + 8) : undefined;
  if (fast !== undefined) {
    // the common spelling, without whitespace around the slashes
    protocol = 'SIP/2.0';
    transport = fast;
    transportEnd = i + 8 + fast.length;
  } else {
    const nameEnd = scanToken(s, i, end);
    if (nameEnd === i) return 'missing protocol name';
    let j = skipWs(s, nameEnd, end);
    if (s.charCodeAt(j) !== 47) return 'missing "/"';
    j = skipWs(s, j + 1, end);
    const versionEnd = scanToken(s, j, end);
    if (versionEnd === j) return 'missing protocol version';
    protocol = `${s.slice(i, nameEnd)}/${s.slice(j, versionEnd)}`.toUpperCase();
    j = skipWs(s, versionEnd, end);
    if (s.charCodeAt(j) !== 47) return 'missing "/"';
    j = skipWs(s, j + 1, end);
    transportEnd = scanToken(s, j, end);
    if (transportEnd === j) return 'missing transport';
    transport = s.slice(j, transportEnd).toUpperCase();
  }
  const hostStart = skipWs(s, transportEnd, end);
  if (hostStart === transportEnd) return 'missing whitespace before sent-by';
  // sent-by = host [ COLON port ]
  const hostEnd = scanHost(s, hostStart, end);
  if (hostEnd < 0) return 'bad sent-by host';
  const host = s.slice(hostStart, hostEnd);
  let j = skipWs(s, hostEnd, end);
  let port: number | undefined;
  if (s.charCodeAt(j) === 58) {
    j = skipWs(s, j + 1, end);
    let n = 0;
    const portStart = j;
    while (j < end) {
      const c = s.charCodeAt(j);
      if (c < 48 || c > 57) break;
      n = n * 10 + c - 48;
      j++;
    }
    if (j === portStart || j - portStart > 5 || n > 65535) return 'bad port';
    port = n;
  }
  const p = scanHeaderParams(s, j, end);
  if (p.end < 0) return 'bad parameter';
  const via = viaFrom(protocol, transport, host, port, p.params);
  return typeof via === 'string' ? via : { value: via, end: p.end };
}

const TRANSPORTS = ['UDP', 'TCP', 'TLS', 'WSS', 'WS', 'SCTP'];

/** A transport in its usual upper-case spelling followed by whitespace. */
function knownTransport(s: string, i: number): string | undefined {
  for (const t of TRANSPORTS) {
    if (s.startsWith(t, i)) {
      const c = s.charCodeAt(i + t.length);
      if (c === 32 || c === 9) return t;
    }
  }
  return undefined;
}

/** Builds a Via and its convenience fields from its parameters, checking the well-known ones. */
function viaFrom(protocol: string, transport: string, host: string, port: number | undefined, params: Params): Via | string {
  // every Via has the same fields in the same order (one object shape keeps access fast)
  const via: { -readonly [K in keyof Via]: Via[K] } = { protocol, transport, host, port, params, branch: undefined, received: undefined, rport: undefined, maddr: undefined, ttl: undefined };
  if (params.size === 0) return via;
  const branch = params.get('branch');
  if (branch !== undefined) {
    if (branch === null || branch === '') return 'empty branch';
    via.branch = branch;
  }
  const received = params.get('received');
  if (received !== undefined) {
    // RFC 3261 §20.42 received = IPv4address / IPv6address; RFC 5118 §4.5 allows the reference form too
    if (received === null) return 'empty received';
    const inner = received.startsWith('[') && received.endsWith(']') ? received.slice(1, -1) : received;
    if (!isIpv4(inner) && !isIpv6(inner)) return 'bad received';
    via.received = received;
  }
  const rport = params.get('rport');
  if (rport !== undefined) {
    // RFC 3581 §3: rport with no value in requests, the source port in responses
    if (rport === null) via.rport = null;
    else {
      const n = parseDigits(rport, 5);
      if (n < 0 || n > 65535) return 'bad rport';
      via.rport = n;
    }
  }
  const maddr = params.get('maddr');
  if (maddr !== undefined) {
    if (maddr === null || !isHost(maddr)) return 'bad maddr';
    via.maddr = maddr;
  }
  const ttl = params.get('ttl');
  if (ttl !== undefined) {
    if (ttl === null || !/^\d{1,3}$/.test(ttl) || Number(ttl) > 255) return 'bad ttl';
    via.ttl = Number(ttl);
  }
  return via;
}

/** Parses a Via value holding one or more comma-separated entries. */
export function parseVia(text: string): ParseResult<Via[]> {
  const out: Via[] = [];
  const error = scanViaList(text, out);
  if (error !== undefined) return { ok: false, error: new SipParseError('bad-header', `Bad Via header: ${error}`, 400, 'via') };
  return { ok: true, value: out };
}

/** Appends the entries of one Via header value to `out`; returns the fault, if any. */
export function scanViaList(s: string, out: Via[], i = 0, end = s.length): string | undefined {
  for (;;) {
    const r = scanVia(s, i, end);
    if (typeof r === 'string') return r;
    out.push(r.value);
    i = skipWs(s, r.end, end);
    if (i >= end) return undefined;
    if (s.charCodeAt(i) !== 44) return 'unexpected character';
    i++;
  }
}

/** The fields of a Via the stack creates. */
export interface ViaInit {
  transport: string;
  host: string;
  port?: number;
  branch: string;
  /** Ask for rport (RFC 3581 §3). */
  rport?: boolean;
  params?: Params;
}

/** A Via for an outgoing request (RFC 3261 §8.1.1.7, §18.1.1). */
export function createVia(init: ViaInit): Via {
  const params = new Map(init.params ?? NO_PARAMS);
  params.set('branch', init.branch);
  if (init.rport) params.set('rport', null);
  const host = init.host.includes(':') && !init.host.startsWith('[') ? `[${init.host}]` : init.host;
  const via = viaFrom('SIP/2.0', init.transport.toUpperCase(), host, init.port, params);
  if (typeof via === 'string') throw new TypeError(`Invalid Via: ${via}`);
  return via;
}

/** A copy of `via` with one parameter set (null: without value) or removed (undefined). */
export function viaWithParam(via: Via, name: string, value: string | null | undefined): Via {
  const params = new Map(via.params);
  if (value === undefined) params.delete(name.toLowerCase());
  else params.set(name.toLowerCase(), value);
  const next = viaFrom(via.protocol, via.transport, via.host, via.port, params);
  if (typeof next === 'string') throw new TypeError(`Invalid Via: ${next}`);
  return next;
}

/** Renders one Via entry. */
export function formatVia(via: Via): string {
  return `${via.protocol}/${via.transport} ${formatHostPort(via.host, via.port)}${formatParams(via.params)}`;
}
