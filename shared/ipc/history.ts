import { z } from 'zod';
import type { CallDirection, Encryption } from './calls';
import { event, request } from './define';

/**
 * How a call ended, from the user's side; `forwarded`: we redirected it (302), `voicemail`: our
 * voicemail took it.
 */
export type CallOutcome = 'answered' | 'missed' | 'rejected' | 'cancelled' | 'failed' | 'busy' | 'forwarded' | 'voicemail';

/** One ended call. */
export interface HistoryEntry {
  id: number;
  direction: CallDirection;
  peer: string;
  peerName?: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
  outcome: CallOutcome;
  /** In words ("hung up", "486 Busy Here"). */
  endReason?: string;
  /** The SIP status that ended it, when one did. */
  sipStatus?: number;
  codec?: string;
  encryption: Encryption;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `before` for the next (older) page; absent when this was the oldest. */
  nextCursor?: string;
}

export const MAX_HISTORY_PAGE = 200;

/** Opaque to the UI: `<startedAt>.<id>` of the last entry of a page. */
export const historyCursorSchema = z.string().regex(/^\d{1,16}\.\d{1,16}$/, 'is not a history cursor');

export const historyRequests = {
  /** Newest first. */
  list: request<HistoryPage>()(
    'history:list',
    z
      .object({ before: historyCursorSchema.optional(), limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).optional() })
      .strict()
      .optional(),
  ),
  delete: request<{ deleted: boolean }>()('history:delete', z.object({ id: z.number().int().positive() }).strict()),
  clear: request<{ deleted: number }>()('history:clear', z.undefined()),
};

export const historyEvents = {
  added: event<HistoryEntry>()('history:added'),
};
