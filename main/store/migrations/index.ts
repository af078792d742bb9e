import type { Migration } from '../migration';
import { settingsMigration } from './0010-settings';

/** In order; never edit a released migration, add the next number instead. */
export const migrations: readonly Migration[] = [settingsMigration];
