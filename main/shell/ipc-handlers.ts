import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { fail, requestsByChannel, type Result } from '../../shared/ipc';
import type { UrlTrust } from './app-origin';

/** What the handlers drive: the Communicator's `request`, which validates with zod. */
export interface RequestTarget {
  request(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/**
 * Accepts a call only from the top frame of our own page: not an iframe, not another origin,
 * not a frame that has gone away.
 */
export function checkSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, trusted: UrlTrust): Result<unknown> | undefined {
  const frame = event.senderFrame;
  if (!frame) return fail('forbidden', 'The calling frame is gone.');
  if (frame.parent !== null) return fail('forbidden', 'Only the top frame may call the engine.');
  if (!trusted(frame.url)) return fail('forbidden', 'This page may not call the engine.');
  return undefined;
}

/** One `ipcMain.handle` per contract request; returns a function that removes them all. */
export function registerIpcHandlers(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, target: RequestTarget, trusted: UrlTrust): () => void {
  const channels = [...requestsByChannel.keys()];
  for (const channel of channels) {
    ipc.handle(channel, async (event, ...args: unknown[]) => {
      const refused = checkSender(event, trusted);
      if (refused) return refused;
      if (args.length > 1) return fail('bad-request', `${channel} takes one payload, got ${args.length}.`);
      return target.request(channel, args[0]);
    });
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
}
