import { z } from 'zod';
import { fail, type Result } from '../../../shared/ipc';

/** Browser → bridge: one contract request. */
export const requestFrameSchema = z.strictObject({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().min(1).max(100),
  payload: z.unknown().optional(),
});

export type RequestFrame = z.infer<typeof requestFrameSchema>;

/** Bridge → browser: the answer to request `id` (null when the frame had no usable id). */
export interface ResultFrame {
  id: number | null;
  result: Result<unknown>;
}

/** Bridge → browser: an engine event. */
export interface EventFrame {
  event: string;
  payload: unknown;
}

/** Parses one text frame; a bad frame gives the error frame to send back instead. */
export function parseRequestFrame(text: string): RequestFrame | ResultFrame {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { id: null, result: fail('bad-frame', 'The frame is not valid JSON.') };
  }
  const parsed = requestFrameSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const rawId = (data as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId >= 0 ? rawId : null;
  return { id, result: fail('bad-frame', 'A request frame is {"id": number, "channel": string, "payload"?: any}.') };
}
