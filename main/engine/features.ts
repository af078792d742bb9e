import type { EngineFeature } from './feature';
import { createChatFeature } from './chat-feature';
import { createPresenceFeature } from './presence-feature';

/** Options every feature factory may read. */
export interface FeatureOptions {
  /** Answer incoming calls after this many seconds (the CLI's --auto-answer). */
  autoAnswerSeconds?: number;
}

/** The features the engine runs, in start order. Each feature module adds its factory here. */
export function createFeatures(_options: FeatureOptions): EngineFeature[] {
  const chat = createChatFeature();
  return [chat, createPresenceFeature({ observer: chat })];
}
