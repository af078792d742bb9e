import type { AudioSink } from '../../media/audio';
import type { HeaderInit } from '../../sip/message';
import type { FeatureContext } from '../feature';
import type { Call } from './call';

/** What transfer and conference need from the call manager that owns the calls. */
export interface CallsHost {
  ctx(): FeatureContext;
  find(id: string): Call | undefined;
  all(): Iterable<Call>;
  /** Places a call (extra headers for the INVITE, e.g. Referred-By and Replaces). */
  dial(target: string, headers: HeaderInit): Promise<Call>;
  hangup(call: Call, reason: string): Promise<unknown>;
  resume(call: Call): Promise<unknown>;
  /** Tells the UI the call changed (calls:changed). */
  changed(call: Call): void;
  readonly accountDomain: string | undefined;
  /** Where the local user hears a conference; none: nowhere but the calls. */
  readonly conferenceSink?: () => AudioSink;
}
