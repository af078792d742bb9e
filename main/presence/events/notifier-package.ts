import type { BodyInit, SipRequest } from '../../sip/message';
import type { ServerSubscription } from './server-subscription';

/** What a notifier decides for a new subscription (RFC 6665 §4.2.1.1). */
export type Authorization = { state: 'active' } | { state: 'pending' } | { state: 'rejected'; status: number; reason: string };

/** One event package we serve (RFC 6665 §5.4), e.g. presence (RFC 3856). */
export interface NotifierPackage {
  readonly event: string;
  /** Body types its NOTIFYs carry; a SUBSCRIBE whose Accept names none of them gets 406. */
  readonly bodyTypes: readonly string[];
  /** RFC 6665 §4.2.1.1 / RFC 3856 §6.4: Expires when the SUBSCRIBE has none. */
  readonly defaultExpires: number;
  readonly minExpires: number;
  readonly maxExpires: number;
  authorize(request: SipRequest): Authorization;
  /** The body of the next NOTIFY; undefined sends none (a pending subscription, RFC 3856 §6.6.2). */
  body(subscription: ServerSubscription): BodyInit | undefined;
  /** A subscription was added or ended (refreshes are not reported). */
  changed?(subscription: ServerSubscription): void;
}
