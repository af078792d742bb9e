import type { LiteSipApi, Settings, SettingsPatch } from '../../../shared/ipc';

export type SettingKey = keyof Settings;

/**
 * The settings, saved one field at a time so an error from the engine belongs to exactly
 * one field and is shown next to it.
 */
export class SettingsModel {
  value = $state<Settings | undefined>();
  loadError = $state<string | undefined>();
  errors = $state<Partial<Record<SettingKey, string>>>({});
  /** Counts successful saves, so each one can be confirmed. */
  saves = $state(0);

  constructor(private readonly api: LiteSipApi) {}

  start(): () => void {
    const off = this.api.on('settings:changed', (next) => {
      this.value = next;
    });
    void this.load();
    return off;
  }

  async load(): Promise<void> {
    const result = await this.api.settings.get();
    if (result.ok) {
      this.value = result.value;
      this.loadError = undefined;
    } else {
      this.loadError = result.error.message;
    }
  }

  async update<K extends SettingKey>(key: K, value: NonNullable<SettingsPatch[K]>): Promise<boolean> {
    const result = await this.api.settings.update({ [key]: value } as SettingsPatch);
    if (!result.ok) {
      this.errors = { ...this.errors, [key]: result.error.message };
      return false;
    }
    this.value = result.value;
    const { [key]: _cleared, ...rest } = this.errors;
    this.errors = rest;
    this.saves++;
    return true;
  }

  /** A problem found before asking the engine (e.g. a malformed STUN address). */
  setError(key: SettingKey, message: string | undefined): void {
    const { [key]: _cleared, ...rest } = this.errors;
    this.errors = message === undefined ? rest : { ...rest, [key]: message };
  }
}
