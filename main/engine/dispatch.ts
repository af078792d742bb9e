import { fail, ok, requestsByChannel, type Result } from '../../shared/ipc';

/** A handler receives a payload that already passed the channel's zod schema. */
export type Handler = (payload: unknown) => unknown;
export type HandlerTable = ReadonlyMap<string, Handler>;

/**
 * The one entry point for every carrier (Electron IPC, web bridge WebSocket): checks the
 * channel exists, validates the payload with the contract's schema, runs the handler, and
 * turns any failure into an error value. Nothing unvalidated reaches the engine.
 */
export async function dispatch(handlers: HandlerTable, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string') return fail('bad-request', 'The request has no channel name.');
  const def = requestsByChannel.get(channel);
  const handler = handlers.get(channel);
  if (!def || !handler) return fail('unknown-channel', `No such request: ${channel.slice(0, 80)}`);
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return fail('bad-request', `Invalid payload for ${channel}${where}: ${issue?.message ?? 'rejected'}`);
  }
  try {
    return ok(await handler(parsed.data));
  } catch (err) {
    if (err instanceof EngineError) return fail(err.code, err.message);
    return fail('internal', err instanceof Error ? err.message : String(err));
  }
}

/** An error the engine raises on purpose, with a stable code for the UI. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
