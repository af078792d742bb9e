interface PendingWrite {
  write: () => unknown;
  done: (result: unknown) => void;
  failed: (error: unknown) => void;
}

/**
 * Store writes made in one turn of the event loop are committed together, in one SQLite
 * transaction (one WAL sync instead of one each); each write's `done` runs after the commit.
 * When the batch fails, each write is tried again alone so that only the bad one fails.
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly transaction: (fn: () => void) => void,
    /** A `done` or `failed` callback threw (it runs outside any caller that could catch it). */
    private readonly onCallbackError: (error: unknown) => void = (err) => console.error('group commit:', err),
  ) {}

  /** Queues `write`; `done` gets its result once committed, `failed` the error if it was not. */
  add<T>(write: () => T, done: (result: T) => void, failed: (error: unknown) => void): void {
    this.pending.push({ write, done: done as (result: unknown) => void, failed });
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** The same as a promise. */
  run<T>(write: () => T): Promise<T> {
    return new Promise((resolve, reject) => this.add(write, resolve, reject));
  }

  /** Commits what is queued now (at shutdown, before the store closes). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: unknown[] | undefined;
    try {
      this.transaction(() => {
        results = batch.map((p) => p.write());
      });
    } catch {
      results = undefined;
    }
    if (results) {
      batch.forEach((p, i) => this.settle(() => p.done(results![i])));
      return;
    }
    for (const p of batch) {
      let result: unknown;
      try {
        this.transaction(() => {
          result = p.write();
        });
      } catch (err) {
        this.settle(() => p.failed(err));
        continue;
      }
      this.settle(() => p.done(result));
    }
  }

  private settle(callback: () => void): void {
    try {
      callback();
    } catch (err) {
      this.onCallbackError(err);
    }
  }
}
