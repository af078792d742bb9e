import type { SipRequest } from '../../sip/message';

export type SubscriptionStatus = 'active' | 'pending' | 'terminated';

/** RFC 6665 §4.1.3 reasons (and retry advice) for a terminated subscription. */
export type TerminationReason = 'deactivated' | 'probation' | 'rejected' | 'timeout' | 'giveup' | 'noresource' | 'invariant';

/** The Subscription-State header (RFC 6665 §8.2.3). */
export interface SubscriptionStateValue {
  state: SubscriptionStatus;
  /** Seconds left (active, pending). */
  expires?: number;
  reason?: string;
  retryAfter?: number;
}

export function formatSubscriptionState(v: SubscriptionStateValue): string {
  let text: string = v.state;
  if (v.state !== 'terminated' && v.expires !== undefined) text += `;expires=${v.expires}`;
  if (v.state === 'terminated' && v.reason) text += `;reason=${v.reason}`;
  if (v.retryAfter !== undefined) text += `;retry-after=${v.retryAfter}`;
  return text;
}

/** Reads Subscription-State from a NOTIFY; undefined when absent or not one of the three states. */
export function readSubscriptionState(request: SipRequest): SubscriptionStateValue | undefined {
  const header = request.subscriptionState;
  if (!header) return undefined;
  const state = header.value.toLowerCase();
  // RFC 6665 §4.1.3 defines these three; a NOTIFY with anything else is refused with 400.
  if (state !== 'active' && state !== 'pending' && state !== 'terminated') return undefined;
  const out: SubscriptionStateValue = { state };
  const number = (name: string): number | undefined => {
    const raw = header.params.get(name);
    const n = raw == null ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  };
  const expires = number('expires');
  const retryAfter = number('retry-after');
  const reason = header.params.get('reason');
  if (expires !== undefined) out.expires = expires;
  if (retryAfter !== undefined) out.retryAfter = retryAfter;
  if (reason) out.reason = reason.toLowerCase();
  return out;
}

/** RFC 6665 §4.1.3: whether (and when) a subscriber may try again after `reason`. */
export function retryAdvice(v: SubscriptionStateValue): { retry: 'now' | 'later' | 'never'; afterSeconds?: number } {
  switch (v.reason) {
    case 'deactivated':
    case 'timeout':
      return { retry: 'now' };
    case 'probation':
    case 'giveup':
      return v.retryAfter !== undefined ? { retry: 'later', afterSeconds: v.retryAfter } : { retry: 'later' };
    case 'rejected':
    case 'noresource':
    case 'invariant':
      return { retry: 'never' };
    default:
      return v.retryAfter !== undefined ? { retry: 'later', afterSeconds: v.retryAfter } : { retry: 'now' };
  }
}
