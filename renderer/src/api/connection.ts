export type ConnectionState = 'connecting' | 'open' | 'closed';

/** Whether the carrier can reach the engine right now. */
export interface Connection {
  readonly state: ConnectionState;
  onChange(listener: (state: ConnectionState) => void): () => void;
}

/** The Electron carrier: the engine lives in the same app, so it is always there. */
export const alwaysOpen: Connection = { state: 'open', onChange: () => () => {} };
