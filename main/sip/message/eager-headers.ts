import { parseDigits, skipWs } from './chars';
import { scanCSeq } from './cseq';
import { scanMediaType } from './media-type';
import { scanEnd, scanNameAddr } from './name-addr';
import type { CSeq, MediaType, NameAddr, Via } from './types';
import { scanViaList } from './via';

/** The headers the stack needs on every message, parsed when the message is (RFC 3261 §8.1.1, §18, §20). */
export interface EagerHeaders {
  via: Via[];
  from: NameAddr | undefined;
  to: NameAddr | undefined;
  callId: string | undefined;
  cseq: CSeq | undefined;
  maxForwards: number | undefined;
  contact: NameAddr[];
  /** `Contact: *` (RFC 3261 §10.2.2). */
  contactWildcard: boolean;
  contentLength: number | undefined;
  contentType: MediaType | undefined;
  route: NameAddr[];
  recordRoute: NameAddr[];
}

export { EAGER_KEYS } from './header-names';

export function emptyEager(): EagerHeaders {
  return {
    via: [],
    from: undefined,
    to: undefined,
    callId: undefined,
    cseq: undefined,
    maxForwards: undefined,
    contact: [],
    contactWildcard: false,
    contentLength: undefined,
    contentType: undefined,
    route: [],
    recordRoute: [],
  };
}

/** Forgets what was parsed for `key` (before its lines are applied again). */
export function resetEager(h: EagerHeaders, key: string): void {
  switch (key) {
    case 'via': h.via = []; break;
    case 'from': h.from = undefined; break;
    case 'to': h.to = undefined; break;
    case 'call-id': h.callId = undefined; break;
    case 'cseq': h.cseq = undefined; break;
    case 'max-forwards': h.maxForwards = undefined; break;
    case 'contact': h.contact = []; h.contactWildcard = false; break;
    case 'content-length': h.contentLength = undefined; break;
    case 'content-type': h.contentType = undefined; break;
    case 'route': h.route = []; break;
    case 'record-route': h.recordRoute = []; break;
  }
}

/**
 * Parses the value s[i, end) of one header line of an eager header into `h` (the whole of
 * `s` by default). Returns a reason fit for a 400 reason phrase when the value is bad,
 * undefined when it is fine or the header is not eager.
 */
export function applyEager(h: EagerHeaders, key: string, s: string, i = 0, end = s.length): string | undefined {
  switch (key) {
    case 'via': {
      const bad = scanViaList(s, h.via, i, end);
      return bad === undefined ? undefined : `Bad Via header: ${bad}`;
    }
    case 'from':
    case 'to': {
      const name = key === 'from' ? 'From' : 'To';
      // RFC 3261 §7.3.1: From and To appear once; a comma cannot split them
      if ((key === 'from' ? h.from : h.to) !== undefined) return `Multiple ${name} headers`;
      const r = scanNameAddr(s, i, end);
      if (typeof r === 'string') return `Bad ${name} header: ${r}`;
      if (skipWs(s, scanEnd, end) !== end) return `Bad ${name} header: trailing characters`;
      if (key === 'from') h.from = r;
      else h.to = r;
      return undefined;
    }
    case 'call-id':
      if (h.callId !== undefined) return 'Multiple Call-ID headers';
      // RFC 3261 §25.1 callid = word [ "@" word ]: no whitespace or controls
      if (i === end) return 'Bad Call-ID header';
      for (let p = i; p < end; p++) {
        const c = s.charCodeAt(p);
        if (c <= 32 || c === 127) return 'Bad Call-ID header';
      }
      h.callId = i === 0 && end === s.length ? s : s.slice(i, end);
      return undefined;
    case 'cseq': {
      if (h.cseq !== undefined) return 'Multiple CSeq headers';
      const r = scanCSeq(s, i, end);
      if (typeof r === 'string') return `Bad CSeq header: ${r}`;
      h.cseq = r;
      return undefined;
    }
    case 'max-forwards': {
      if (h.maxForwards !== undefined) return 'Multiple Max-Forwards headers';
      // RFC 3261 §20.22: an integer in the range 0-255 (leading zeros allowed)
      while (end - i > 1 && s.charCodeAt(i) === 48) i++;
      const n = parseDigits(s, 3, i, end);
      if (n < 0 || n > 255) return 'Bad Max-Forwards header';
      h.maxForwards = n;
      return undefined;
    }
    case 'content-length': {
      const n = parseDigits(s, 10, i, end);
      if (n < 0) return 'Bad Content-Length header';
      if (h.contentLength !== undefined && h.contentLength !== n) return 'Conflicting Content-Length headers';
      h.contentLength = n;
      return undefined;
    }
    case 'content-type': {
      if (h.contentType !== undefined) return 'Multiple Content-Type headers';
      const r = scanMediaType(s, i, end);
      if (typeof r === 'string') return `Bad Content-Type header: ${r}`;
      if (skipWs(s, r.end, end) !== end) return 'Bad Content-Type header: trailing characters';
      h.contentType = r.value;
      return undefined;
    }
    case 'contact':
      if (end - i === 1 && s.charCodeAt(i) === 42) {
        // RFC 3261 §20.10: "*" only alone
        if (h.contactWildcard || h.contact.length > 0) return 'Bad Contact header: "*" mixed with addresses';
        h.contactWildcard = true;
        return undefined;
      }
      if (h.contactWildcard) return 'Bad Contact header: "*" mixed with addresses';
      return addressList(s, i, end, h.contact, 'Contact');
    case 'route':
      return addressList(s, i, end, h.route, 'Route');
    case 'record-route':
      return addressList(s, i, end, h.recordRoute, 'Record-Route');
    default:
      return undefined;
  }
}

/** A comma-separated list of name-addrs (RFC 3261 §7.3.1). */
function addressList(s: string, i: number, end: number, out: NameAddr[], name: string): string | undefined {
  for (;;) {
    const r = scanNameAddr(s, i, end);
    if (typeof r === 'string') return `Bad ${name} header: ${r}`;
    out.push(r);
    i = skipWs(s, scanEnd, end);
    if (i >= end) return undefined;
    if (s.charCodeAt(i) !== 44) return `Bad ${name} header: unexpected character`;
    i++;
  }
}

/** Moves what was parsed for `key` from `from` into `to`. */
export function copyEager(to: EagerHeaders, from: EagerHeaders, key: string): void {
  switch (key) {
    case 'via': to.via = from.via; break;
    case 'from': to.from = from.from; break;
    case 'to': to.to = from.to; break;
    case 'call-id': to.callId = from.callId; break;
    case 'cseq': to.cseq = from.cseq; break;
    case 'max-forwards': to.maxForwards = from.maxForwards; break;
    case 'contact': to.contact = from.contact; to.contactWildcard = from.contactWildcard; break;
    case 'content-length': to.contentLength = from.contentLength; break;
    case 'content-type': to.contentType = from.contentType; break;
    case 'route': to.route = from.route; break;
    case 'record-route': to.recordRoute = from.recordRoute; break;
  }
}
