import { contract, eventChannels, type LiteSipApi } from '../../../shared/ipc';

/** How the API reaches the engine: one request call and one event subscription. */
export interface Carrier {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** The same named verbs the preload exposes, generated from the contract. */
export function buildApi(carrier: Carrier): LiteSipApi {
  const api: Record<string, unknown> = {};
  for (const [domain, { requests }] of Object.entries(contract)) {
    const verbs: Record<string, (payload?: unknown) => Promise<unknown>> = {};
    for (const [verb, def] of Object.entries(requests)) verbs[verb] = (payload?: unknown) => carrier.invoke(def.channel, payload);
    api[domain] = verbs;
  }
  const known = new Set(eventChannels);
  api.on = (channel: string, listener: (payload: unknown) => void) => {
    if (!known.has(channel)) throw new Error(`Unknown event channel: ${channel}`);
    return carrier.subscribe(channel, listener);
  };
  return api as unknown as LiteSipApi;
}
