import type { Clock } from '../../lib/clock';
import type { CredentialStore } from '../auth';
import type { SipLocator } from '../locator';
import type { TimerSettings } from '../transaction';
import type { ListenSpec, TlsOptions } from '../transport';

export interface UserAgentOptions {
  /** Where to listen; port 0 takes a free port. */
  listen: readonly ListenSpec[];
  /** User part of our address (and of Contact). */
  user: string;
  displayName?: string;
  /** Product token for User-Agent and Server (RFC 3261 §20.35, §20.41). */
  product: string;
  clock?: Clock;
  tls?: TlsOptions;
  timers?: Partial<TimerSettings>;
  /** RFC 3263 resolution of host names; without it only numeric hosts can be reached. */
  locator?: SipLocator;
  /** Credentials for digest challenges (RFC 3261 §22.2), by realm. */
  credentials?: CredentialStore;
  /** RFC 3261 §8.1.1.3: the logical identity in From (an account's AOR); the local address when absent. */
  identity?: string;
  /** RFC 5626 §4.1: this installation's instance id (`urn:uuid:...`). */
  instanceId?: string;
  /** Something went wrong that no caller can be told about; default: stderr. */
  onInternalError?: (error: unknown) => void;
}
