import type { HistoryEntry, LiteSipApi } from '../../../shared/ipc';

export const HISTORY_PAGE = 50;
const SEEN_KEY = 'litesip.history.seen';

/**
 * The call history, newest first, kept live by `history:added`. Missed calls newer than the
 * last time the user looked at the history count as new (for the sidebar badge).
 */
export class HistoryModel {
  entries = $state<HistoryEntry[]>([]);
  nextCursor = $state<string | undefined>();
  missedOnly = $state(false);
  loaded = $state(false);
  loadingMore = $state(false);
  loadError = $state<string | undefined>();
  problem = $state<string | undefined>();
  /** Epoch ms of the last look at the history. */
  seenAt = $state(0);
  viewing = false;

  constructor(
    private readonly api: LiteSipApi,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
  ) {
    this.seenAt = Number(storage?.getItem(SEEN_KEY) ?? 0) || 0;
  }

  start(): () => void {
    const off = this.api.on('history:added', (entry) => {
      if (this.entries.some((e) => e.id === entry.id)) return;
      this.entries = [entry, ...this.entries];
      if (this.viewing) this.markSeen();
    });
    void this.refresh();
    return off;
  }

  async refresh(): Promise<void> {
    const result = await this.api.history.list({ limit: HISTORY_PAGE });
    if (!result.ok) {
      this.loadError = result.error.message;
      return;
    }
    this.loadError = undefined;
    this.entries = result.value.entries;
    this.nextCursor = result.value.nextCursor;
    this.loaded = true;
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const result = await this.api.history.list({ before: this.nextCursor, limit: HISTORY_PAGE });
      if (!result.ok) {
        this.problem = result.error.message;
        return;
      }
      const known = this.entries.map((e) => e.id);
      this.entries = [...this.entries, ...result.value.entries.filter((e) => !known.includes(e.id))];
      this.nextCursor = result.value.nextCursor;
    } finally {
      this.loadingMore = false;
    }
  }

  get shown(): HistoryEntry[] {
    return this.missedOnly ? this.entries.filter((e) => e.outcome === 'missed') : this.entries;
  }

  /** Missed calls the user has not looked at yet. */
  get newMissed(): number {
    return this.entries.filter((e) => e.outcome === 'missed' && e.endedAt > this.seenAt).length;
  }

  setViewing(viewing: boolean): void {
    this.viewing = viewing;
    if (viewing) this.markSeen();
  }

  markSeen(): void {
    const latest = Math.max(Date.now(), ...this.entries.map((e) => e.endedAt));
    this.seenAt = latest;
    this.storage?.setItem(SEEN_KEY, String(latest));
  }

  async remove(id: number): Promise<void> {
    const result = await this.api.history.delete({ id });
    if (!result.ok) {
      this.problem = result.error.message;
      return;
    }
    this.problem = undefined;
    this.entries = this.entries.filter((e) => e.id !== id);
  }

  async clear(): Promise<void> {
    const result = await this.api.history.clear();
    if (!result.ok) {
      this.problem = result.error.message;
      return;
    }
    this.problem = undefined;
    this.entries = [];
    this.nextCursor = undefined;
  }
}
