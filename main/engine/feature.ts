import type { Clock } from '../lib/clock';
import type { UserAgent } from '../sip/ua';
import type { Store } from '../store';
import type { Handler } from './dispatch';
import type { EngineEvents } from './engine-events';

/** What a feature (calls, chat, presence, voicemail, …) gets from the engine while it runs. */
export interface FeatureContext {
  readonly ua: UserAgent;
  readonly store: Store;
  readonly clock: Clock;
  /** Our own address (the first account's AOR, or the local URI). */
  readonly identity: string;
  /** Pushes a contract event to the UI and the CLI. */
  emit<K extends keyof EngineEvents>(channel: K, payload: EngineEvents[K]): void;
}

/**
 * One product feature living in the endpoint (RFC 5638 §3). The engine builds each feature
 * once, routes the contract channels it names to its handlers, and starts and stops it with
 * the SIP stack.
 */
export interface EngineFeature {
  readonly name: string;
  /** Contract request channel → handler (the payload already passed its zod schema). */
  readonly handlers: ReadonlyMap<string, Handler>;
  start(context: FeatureContext): Promise<void> | void;
  /** Ends what is in progress (calls hung up, subscriptions terminated) within the engine's stop budget. */
  stop(): Promise<void> | void;
}
