import type { IconName } from './components/icon.svelte';
import { en } from './i18n/en';

export type AreaId = 'calls' | 'contacts' | 'chat' | 'history' | 'voicemail' | 'status' | 'settings';

/** A count next to an area's name (calls in progress, unread messages, missed calls…). */
export interface AreaBadge {
  count: number;
  /** The count in words, for screen readers and the tooltip. */
  label: string;
  tone: 'green' | 'accent' | 'red';
}

export interface Area {
  id: AreaId;
  label: string;
  icon: IconName;
}

/** The product's areas that work today; an area appears here when it is built. */
export const areas: readonly Area[] = [
  { id: 'calls', label: en.nav.calls, icon: 'phone' },
  { id: 'contacts', label: en.nav.contacts, icon: 'users' },
  { id: 'chat', label: en.nav.chat, icon: 'chat' },
  { id: 'history', label: en.nav.history, icon: 'clock' },
  { id: 'voicemail', label: en.nav.voicemail, icon: 'voicemail' },
  { id: 'status', label: en.nav.status, icon: 'status' },
  { id: 'settings', label: en.nav.settings, icon: 'settings' },
];

export function areaFromHash(hash: string): AreaId {
  const id = hash.replace(/^#\/?/, '');
  return areas.find((a) => a.id === id)?.id ?? 'status';
}
