import { presenceNoteSchema, presenceStatusSchema, type MyPresence } from '../../shared/ipc';
import type { MetaRepository } from '../store';

const KEY = 'presence';

/** Our state and note as the user last set them; `available` without a note when none was kept or it is unreadable. */
export function loadMyPresence(meta: MetaRepository): MyPresence {
  const fallback: MyPresence = { status: 'available', note: '' };
  const raw = meta.get(KEY);
  if (raw === undefined) return fallback;
  try {
    const value = JSON.parse(raw) as { status?: unknown; note?: unknown };
    const status = presenceStatusSchema.safeParse(value.status);
    const note = presenceNoteSchema.safeParse(value.note ?? '');
    return status.success && note.success ? { status: status.data, note: note.data } : fallback;
  } catch {
    return fallback;
  }
}

/** Keeps our state and note for the next start. */
export function saveMyPresence(meta: MetaRepository, presence: MyPresence): void {
  meta.set(KEY, JSON.stringify({ status: presence.status, note: presence.note }));
}
