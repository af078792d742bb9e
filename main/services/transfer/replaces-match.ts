import type { ReplacesValue } from '../../sip/message';

/** A dialog a Replaces header may name, as the call manager knows it. */
export interface ReplaceableDialog {
  callId: string;
  localTag: string;
  /** Undefined for an outgoing call still waiting for a tagged response. */
  remoteTag: string | undefined;
  /** confirmed; early and placed by us; early and ringing here (placed by the peer). */
  kind: 'confirmed' | 'early-outgoing' | 'early-incoming';
}

export type ReplacesMatch<T> = { ok: true; dialog: T } | { ok: false; status: number; reason: string };

/**
 * RFC 3891 §3: which dialog an INVITE with Replaces takes over, or how to refuse it. The
 * header's to-tag is our local tag and its from-tag our remote tag. No match: 481, or 603 when
 * the dialog ended a moment ago; early-only against a confirmed dialog: 486; an early dialog
 * that the peer placed to us (still ringing here): 481.
 */
export function matchReplaces<T extends ReplaceableDialog>(
  replaces: ReplacesValue,
  dialogs: Iterable<T>,
  recentlyEnded: (callId: string, localTag: string, remoteTag: string) => boolean,
): ReplacesMatch<T> {
  for (const d of dialogs) {
    if (d.callId !== replaces.callId || d.localTag !== replaces.toTag) continue;
    if (d.remoteTag !== undefined && d.remoteTag !== replaces.fromTag) continue;
    if (d.kind === 'confirmed' && replaces.earlyOnly) return { ok: false, status: 486, reason: 'Busy Here' };
    if (d.kind === 'early-incoming') return { ok: false, status: 481, reason: 'Call/Transaction Does Not Exist' };
    return { ok: true, dialog: d };
  }
  if (recentlyEnded(replaces.callId, replaces.toTag, replaces.fromTag)) return { ok: false, status: 603, reason: 'Decline' };
  return { ok: false, status: 481, reason: 'Call/Transaction Does Not Exist' };
}
