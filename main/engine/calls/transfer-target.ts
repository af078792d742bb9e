import { matchReplaces, type ReplaceableDialog, type ReplacesMatch } from '../../services/transfer';
import { parseReplaces, type SipRequest, type Uri } from '../../sip/message';
import type { UserAgent } from '../../sip/ua';
import type { Call } from './call';

/** Dialogs that ended lately, so a Replaces naming one gets 603 rather than 481 (RFC 3891 §3). */
export class EndedDialogs {
  private readonly keys: string[] = [];

  add(callId: string, localTag: string, remoteTag: string): void {
    this.keys.push(`${callId}\u0000${localTag}\u0000${remoteTag}`);
    if (this.keys.length > 64) this.keys.shift();
  }

  has(callId: string, localTag: string, remoteTag: string): boolean {
    return this.keys.includes(`${callId}\u0000${localTag}\u0000${remoteTag}`);
  }
}

interface CallDialog extends ReplaceableDialog {
  call: Call;
}

/** The dialog of each call as RFC 3891 matching sees it. */
function dialogsOf(calls: Iterable<Call>, ua: UserAgent): CallDialog[] {
  const out: CallDialog[] = [];
  for (const call of calls) {
    if (call.ended) continue;
    if (call.session?.active) {
      const id = call.session.dialog.id;
      out.push({ call, callId: id.callId, localTag: id.localTag, remoteTag: id.remoteTag, kind: 'confirmed' });
    } else if (call.outgoing) {
      const r = call.outgoing.request;
      out.push({ call, callId: r.callId, localTag: r.fromTag ?? '', remoteTag: undefined, kind: 'early-outgoing' });
    } else if (call.incoming?.pending) {
      const r = call.incoming.request;
      out.push({ call, callId: r.callId, localTag: ua.toTagFor(call.incoming.tx), remoteTag: r.fromTag, kind: 'early-incoming' });
    }
  }
  return out;
}

/**
 * RFC 3891 §3: the call an INVITE with Replaces takes over; undefined when it has no Replaces,
 * or the response to refuse it with (400 for a bad header, 481, 486, 603).
 */
export function replacedCall(request: SipRequest, calls: Iterable<Call>, ua: UserAgent, ended: EndedDialogs): ReplacesMatch<Call> | undefined {
  const lines = request.getHeaders('Replaces');
  if (lines.length === 0) return undefined;
  // RFC 3891 §3: more than one Replaces header → 400.
  if (lines.length > 1) return { ok: false, status: 400, reason: 'More than one Replaces header' };
  const parsed = parseReplaces(lines[0]!);
  if (!parsed.ok) return { ok: false, status: 400, reason: parsed.reason };
  const match = matchReplaces(parsed.value, dialogsOf(calls, ua), (c, l, r) => ended.has(c, l, r));
  if (!match.ok) return match;
  // RFC 3891 §3: the new INVITE must come from, or be referred by, the party being replaced.
  // FIXME(rfc3891 §3): the identities are asserted (From, Referred-By), not authenticated.
  if (!authorized(request, match.dialog)) return { ok: false, status: 403, reason: 'Only the party on that call may replace it' };
  return { ok: true, dialog: match.dialog.call };
}

/** The replaced party's address: our dialog's remote URI (for an early outgoing call, whom we called). */
function replacedParty(d: CallDialog): Uri | undefined {
  const call = d.call;
  if (call.session?.active) return call.session.dialog.remoteUri.uri;
  return call.outgoing?.request.to.uri;
}

function authorized(request: SipRequest, d: CallDialog): boolean {
  const party = replacedParty(d);
  if (!party) return false;
  const claims = [request.from.uri, request.referredBy?.uri].filter((u): u is Uri => u !== undefined);
  return claims.some((u) => sameAddress(u, party));
}

/** Same user at the same host and port (parameters aside). */
function sameAddress(a: Uri, b: Uri): boolean {
  const port = (u: Uri): number => u.port ?? (u.scheme === 'sips' ? 5061 : 5060);
  return a.user === b.user && a.host.toLowerCase() === b.host.toLowerCase() && port(a) === port(b);
}
