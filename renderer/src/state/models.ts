import type { LiteSipApi } from '../../../shared/ipc';
import { CallsModel } from './calls-model.svelte';
import { ChatModel } from './chat-model.svelte';
import { ContactsModel } from './contacts-model.svelte';
import { HistoryModel } from './history-model.svelte';
import { SettingsModel } from './settings-model.svelte';
import { SetupModel } from './setup-model.svelte';
import { StatusModel } from './status-model.svelte';
import { VoicemailModel } from './voicemail-model.svelte';

/** Every screen's state, each kept live by its own contract events. */
export interface AppModels {
  status: StatusModel;
  settings: SettingsModel;
  calls: CallsModel;
  contacts: ContactsModel;
  chat: ChatModel;
  history: HistoryModel;
  setup: SetupModel;
  voicemail: VoicemailModel;
}

export function createModels(api: LiteSipApi): AppModels {
  const settings = new SettingsModel(api);
  return {
    status: new StatusModel(api),
    settings,
    calls: new CallsModel(api),
    contacts: new ContactsModel(api),
    chat: new ChatModel(api),
    history: new HistoryModel(api),
    setup: new SetupModel(api, settings),
    voicemail: new VoicemailModel(api),
  };
}
