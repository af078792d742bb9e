import type { BuddyPresence } from '../../../../shared/ipc';
import { en } from '../../i18n/en';

/** A buddy's presence in words: status and note, or why nothing is known. */
export function presenceLabel(p: BuddyPresence | undefined): string {
  const t = en.presence;
  if (!p || p.subscription === 'pending') return t.unknown;
  if (p.subscription === 'terminated' && p.status === 'offline') return t.refused;
  return p.note ? `${t.status[p.status]} — ${p.note}` : t.status[p.status];
}
