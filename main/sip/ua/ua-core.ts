import type { Clock } from '../../lib/clock';
import type { DigestClient } from '../auth';
import type { SipLocator } from '../locator';
import type { TransactionLayer } from '../transaction';
import type { TransportLayer } from '../transport';
import type { Uri } from '../message';

/** What the UA's helpers (client requests, registrations, sessions) need from the core. */
export interface UaCore {
  readonly clock: Clock;
  readonly transactions: TransactionLayer;
  readonly transport: TransportLayer;
  readonly locator: SipLocator | undefined;
  readonly digest: DigestClient;
  /** RFC 3261 §8.1.2: where requests outside a dialog go when set (an account's outbound proxy). */
  readonly outboundProxy: Uri | undefined;
}
