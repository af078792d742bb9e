import type { LiteSipApi, VoicemailAudio, VoicemailEntry } from '../../../shared/ipc';

/** The voicemail inbox, newest first, kept live by `voicemail:new` and `voicemail:changed`. */
export class VoicemailModel {
  entries = $state<VoicemailEntry[]>([]);
  unheard = $state(0);
  loaded = $state(false);
  loadError = $state<string | undefined>();
  /** The last failed action on a message, keyed by its id. */
  problems = $state<Record<number, string>>({});

  constructor(private readonly api: LiteSipApi) {}

  start(): () => void {
    const offs = [
      this.api.on('voicemail:new', (entry) => {
        if (this.entries.some((e) => e.id === entry.id)) return;
        this.entries = [entry, ...this.entries];
        if (!entry.heard) this.unheard++;
      }),
      this.api.on('voicemail:changed', (change) => {
        this.entries = change.entry ? this.entries.map((e) => (e.id === change.id ? change.entry! : e)) : this.entries.filter((e) => e.id !== change.id);
        this.unheard = change.unheard;
      }),
    ];
    void this.refresh();
    return () => offs.forEach((off) => off());
  }

  async refresh(): Promise<void> {
    const result = await this.api.voicemail.list();
    if (!result.ok) {
      this.loadError = result.error.message;
      return;
    }
    this.loadError = undefined;
    this.entries = result.value.entries;
    this.unheard = result.value.unheard;
    this.loaded = true;
  }

  /** The message's audio; undefined (and a problem shown on it) when the engine cannot give it. */
  async audio(id: number): Promise<VoicemailAudio | undefined> {
    const result = await this.api.voicemail.play({ id });
    if (!result.ok) {
      this.report(id, result.error.message);
      return undefined;
    }
    this.clear(id);
    return result.value;
  }

  async setHeard(id: number, heard: boolean): Promise<void> {
    const result = await this.api.voicemail.markHeard({ id, heard });
    if (!result.ok) return this.report(id, result.error.message);
    this.clear(id);
    const before = this.entries.find((e) => e.id === id);
    this.entries = this.entries.map((e) => (e.id === id ? result.value : e));
    if (before && before.heard !== result.value.heard) this.unheard += result.value.heard ? -1 : 1;
  }

  async remove(id: number): Promise<void> {
    const result = await this.api.voicemail.delete({ id });
    if (!result.ok) return this.report(id, result.error.message);
    const gone = this.entries.find((e) => e.id === id);
    this.entries = this.entries.filter((e) => e.id !== id);
    if (gone && !gone.heard) this.unheard = Math.max(0, this.unheard - 1);
  }

  private report(id: number, message: string): void {
    this.problems = { ...this.problems, [id]: message };
  }

  private clear(id: number): void {
    const { [id]: _gone, ...rest } = this.problems;
    this.problems = rest;
  }
}
