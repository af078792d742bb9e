import type { EventChannel, EventPayload } from '../../shared/ipc';

/** The engine's outward events are exactly the contract's events. */
export type EngineEvents = { [C in EventChannel]: EventPayload<C> };
