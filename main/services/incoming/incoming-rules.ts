import type { DndSettings, ForwardingSettings, VoicemailSettings } from '../../../shared/ipc';
import type { DiversionReason } from '../forwarding';

/** The state an incoming call meets. */
export interface IncomingFacts {
  voicemail: VoicemailSettings;
  forwarding: ForwardingSettings;
  dnd: DndSettings;
  /** The user is at their limit of calls at once. */
  busy: boolean;
  /** Another voicemail may be left now (a bound on recordings at once). */
  voicemailFree: boolean;
  /** Seconds after which the engine answers by itself (headless --auto-answer). */
  autoAnswerSeconds?: number;
}

/** What happens to the call once it is ringing, unless the user answers first. */
export type RingTimeout = { after: number; action: 'answer' } | { after: number; action: 'forward'; target: string } | { after: number; action: 'voicemail' };

export type IncomingDecision =
  /** RFC 5638 §3.1: 302 Moved Temporarily with the target in Contact (RFC 3261 §21.3.3). */
  | { action: 'forward'; target: string; reason: DiversionReason }
  /** RFC 3261 §21.4.24: 486 Busy Here. */
  | { action: 'busy'; why: 'dnd' | 'limit' }
  | { action: 'voicemail'; why: 'dnd' | 'busy' }
  | { action: 'ring'; timeout?: RingTimeout };

/**
 * The endpoint's call rules, in order: unconditional forwarding; do not disturb (486 or
 * voicemail); at the limit of calls (forward on busy, voicemail when busy, else 486); otherwise
 * ring, with the earliest of auto-answer, forward on no answer and voicemail on no answer.
 */
export function decideIncoming(f: IncomingFacts): IncomingDecision {
  if (f.forwarding.always) return { action: 'forward', target: f.forwarding.always, reason: 'unconditional' };
  if (f.dnd.enabled) {
    if (f.dnd.action === 'voicemail' && f.voicemailFree) return { action: 'voicemail', why: 'dnd' };
    return { action: 'busy', why: 'dnd' };
  }
  if (f.busy) {
    if (f.forwarding.busy) return { action: 'forward', target: f.forwarding.busy, reason: 'user-busy' };
    if (f.voicemail.enabled && f.voicemail.whenBusy && f.voicemailFree) return { action: 'voicemail', why: 'busy' };
    return { action: 'busy', why: 'limit' };
  }
  const timeouts: RingTimeout[] = [];
  if (f.autoAnswerSeconds !== undefined) timeouts.push({ after: f.autoAnswerSeconds, action: 'answer' });
  if (f.forwarding.noAnswer) timeouts.push({ after: f.forwarding.noAnswerSeconds, action: 'forward', target: f.forwarding.noAnswer });
  if (f.voicemail.enabled && f.voicemail.noAnswerSeconds > 0) timeouts.push({ after: f.voicemail.noAnswerSeconds, action: 'voicemail' });
  // The earliest wins; on a tie the order above (answer, forward, voicemail) decides.
  const timeout = timeouts.reduce<RingTimeout | undefined>((best, t) => (best === undefined || t.after < best.after ? t : best), undefined);
  return timeout ? { action: 'ring', timeout } : { action: 'ring' };
}
