import type { Migration } from '../migration';
import { settingsMigration } from './0010-settings';
import { contactsMigration } from './0020-contacts';
import { messagesMigration } from './0030-messages';
import { accountsMigration } from './0040-accounts';
import { callHistoryMigration } from './0050-call-history';
import { voicemailMigration } from './0060-voicemail';
import { callOutcomesMigration } from './0070-call-outcomes';

/** In order; never edit a released migration, add the next number instead. */
export const migrations: readonly Migration[] = [settingsMigration, contactsMigration, messagesMigration, accountsMigration, callHistoryMigration, voicemailMigration, callOutcomesMigration];
