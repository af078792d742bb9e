import {
  HEADERS,
  NO_PARAMS,
  escapeHeaderValue,
  formatReplaces,
  formatUri,
  parseReplaces,
  uriHeader,
  type NameAddr,
  type ReplacesValue,
  type SipRequest,
  type Uri,
} from '../message';

/**
 * Refer-To for a transfer (RFC 3515 §2.1): the target, and for an attended transfer the dialog
 * the new call replaces as an escaped `?Replaces=` URI header (RFC 3891 §6.1, RFC 3261 §19.1.1).
 */
export function formatReferTo(target: Uri, replaces?: ReplacesValue): string {
  const bare = formatUri({ ...target, headers: NO_PARAMS });
  return `<${replaces ? `${bare}?Replaces=${escapeHeaderValue(formatReplaces(replaces))}` : bare}>`;
}

/** What a REFER asks for: the URI to call (URI headers removed) and the Replaces to send with it. */
export interface ReferRequest {
  target: Uri;
  replaces?: ReplacesValue;
  /** Referred-By for the new request (RFC 3892 §3): the REFER's own, else its From. */
  referredBy: string;
}

export type ReferRead = { ok: true; value: ReferRequest } | { ok: false; status: number; reason: string };

/**
 * RFC 3515 §2.4.2: a REFER carries exactly one Refer-To, else 400; we act only on SIP URIs
 * (RFC 3515 §2.4.2 lets the UA refuse what it cannot act on: 403).
 */
export function readReferTo(request: SipRequest): ReferRead {
  const lines = request.getHeaders('Refer-To');
  if (lines.length !== 1) return { ok: false, status: 400, reason: lines.length === 0 ? 'Missing Refer-To header' : 'More than one Refer-To header' };
  const parsed = request.parsed(HEADERS.referTo);
  if (!parsed?.ok) return { ok: false, status: 400, reason: 'Bad Refer-To header' };
  const uri = parsed.value.uri;
  if (uri.scheme !== 'sip' && uri.scheme !== 'sips') return { ok: false, status: 403, reason: `Refer-To scheme ${uri.scheme}: is not supported` };
  // RFC 3261 §19.1.1 method parameter: only INVITE (a new call) is carried out for a peer.
  const method = uri.params.get('method');
  if (method !== undefined && method !== null && method.toUpperCase() !== 'INVITE') return { ok: false, status: 403, reason: `Referring a ${method} is not supported` };
  const params = new Map(uri.params);
  params.delete('method');
  const value: ReferRequest = { target: { ...uri, params, headers: NO_PARAMS }, referredBy: referredByOf(request) };
  const replaces = uriHeader(uri, 'Replaces');
  if (replaces !== undefined) {
    const r = parseReplaces(replaces);
    if (!r.ok) return { ok: false, status: 400, reason: r.reason.replace('header', 'in Refer-To') };
    value.replaces = r.value;
  }
  return { ok: true, value };
}

function referredByOf(request: SipRequest): string {
  const given = request.getHeader('Referred-By');
  if (given !== undefined && request.referredBy) return given;
  return nameAddrWithoutTag(request.from);
}

function nameAddrWithoutTag(addr: NameAddr): string {
  return `<${formatUri(addr.uri)}>`;
}
