import { matchReplaces, type ReplaceableDialog, type ReplacesMatch } from '../../services/transfer';
import { parseReplaces, type SipRequest } from '../../sip/message';
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
  return match.ok ? { ok: true, dialog: match.dialog.call } : match;
}
