import type { IconName } from './components/icon.svelte';
import { en } from './i18n/en';

export type AreaId = 'calls' | 'status' | 'settings';

export interface Area {
  id: AreaId;
  label: string;
  icon: IconName;
}

/** The product's areas that work today; an area appears here when it is built. */
export const areas: readonly Area[] = [
  { id: 'calls', label: en.nav.calls, icon: 'phone' },
  { id: 'status', label: en.nav.status, icon: 'status' },
  { id: 'settings', label: en.nav.settings, icon: 'settings' },
];

export function areaFromHash(hash: string): AreaId {
  const id = hash.replace(/^#\/?/, '');
  return areas.find((a) => a.id === id)?.id ?? 'status';
}
