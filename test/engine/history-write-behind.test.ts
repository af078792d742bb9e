import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInfo, HistoryEntry } from '../../shared/ipc';
import { DATABASE_FILE } from '../../main/store/database';
import { openStore, type Store } from '../../main/store';
import type { FeatureContext } from '../../main/engine/feature';
import { flushEndedCalls, HISTORY_COMMIT_INTERVAL_MS, recordEndedCall } from '../../main/engine/history-feature';
import { VirtualClock } from '../helpers/virtual-clock';

const stores: Store[] = [];
const readers: BetterSqlite3.Database[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const r of readers.splice(0)) r.close();
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(): { store: Store; context: FeatureContext; clock: VirtualClock; dataDir: string; events: { name: string; rowsOnDisk: number }[]; walBytes: () => number } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-history-'));
  dirs.push(dataDir);
  const store = openStore(dataDir);
  stores.push(store);
  // The WAL only grows from here on: each commit appends the pages it wrote.
  store.db.pragma('wal_autocheckpoint = 0');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const wal = path.join(dataDir, `${DATABASE_FILE}-wal`);
  const walBytes = (): number => (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
  // A second connection sees only what is committed.
  const reader = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
  readers.push(reader);
  const rowsOnDisk = (): number => (reader.prepare('SELECT count(*) AS n FROM call_history').get() as { n: number }).n;
  const events: { name: string; rowsOnDisk: number }[] = [];
  const clock = new VirtualClock();
  const context = {
    store,
    clock,
    emit: (name: string) => {
      events.push({ name, rowsOnDisk: rowsOnDisk() });
    },
  } as unknown as FeatureContext;
  return { store, context, clock, dataDir, events, walBytes };
}

function ended(id: string, over: Partial<CallInfo> = {}): CallInfo {
  return {
    id,
    direction: 'incoming',
    state: 'ended',
    peer: `sip:caller-${id}@127.0.0.1`,
    startedAt: 1_700_000_000_000,
    answeredAt: 1_700_000_000_500,
    endedAt: 1_700_000_010_000,
    endReason: 'hung up',
    encryption: 'none',
    ...over,
  } as CallInfo;
}

describe('call history write-behind', () => {
  it('commits the calls that end in one turn together, and announces each only after that commit', async () => {
    const { context, clock, events, walBytes } = setup();
    // what one call committed on its own appends to the WAL
    await recordEndedCall(context, ended('zero')); // the WAL's header comes with the first commit
    clock.advance(HISTORY_COMMIT_INTERVAL_MS);
    const start = walBytes();
    await recordEndedCall(context, ended('first'));
    const oneCommit = walBytes() - start;
    expect(oneCommit).toBeGreaterThan(0);
    clock.advance(HISTORY_COMMIT_INTERVAL_MS);
    events.length = 0;
    const before = walBytes();
    const results = [recordEndedCall(context, ended('a')), recordEndedCall(context, ended('b')), recordEndedCall(context, ended('c', { answeredAt: undefined, endStatus: 487 } as Partial<CallInfo>))];
    // nothing is announced (or committed) in the turn the calls ended
    expect(events).toEqual([]);
    const stored = await Promise.all(results);
    expect(stored.map((e) => e?.outcome)).toEqual(['answered', 'answered', 'missed']);
    // every announcement came after all three rows were on disk
    expect(events).toEqual([
      { name: 'history:added', rowsOnDisk: 5 },
      { name: 'history:added', rowsOnDisk: 5 },
      { name: 'history:added', rowsOnDisk: 5 },
    ]);
    // one commit for the three: the same pages once, not three times
    expect(walBytes() - before).toBe(oneCommit);
  });

  it('calls ending within the commit interval after a commit wait for the next one, and share it', async () => {
    const { context, clock, events } = setup();
    await recordEndedCall(context, ended('a'));
    const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
    clock.advance(5);
    const b = recordEndedCall(context, ended('b'));
    await turn();
    clock.advance(7);
    const c = recordEndedCall(context, ended('c'));
    clock.advance(HISTORY_COMMIT_INTERVAL_MS - 13);
    await turn();
    // nothing committed or announced before the interval is over
    expect(events).toEqual([{ name: 'history:added', rowsOnDisk: 1 }]);
    clock.advance(1);
    expect((await b)?.peer).toBe('sip:caller-b@127.0.0.1');
    expect((await c)?.peer).toBe('sip:caller-c@127.0.0.1');
    expect(events).toEqual([
      { name: 'history:added', rowsOnDisk: 1 },
      { name: 'history:added', rowsOnDisk: 3 },
      { name: 'history:added', rowsOnDisk: 3 },
    ]);
    // a call ending after a quiet interval is committed in its own turn
    clock.advance(HISTORY_COMMIT_INTERVAL_MS);
    expect(await recordEndedCall(context, ended('d'))).toBeDefined();
  });

  it('a call already stored resolves undefined and is not announced again; the others of its batch still are', async () => {
    const { context, clock, events } = setup();
    await recordEndedCall(context, ended('a'));
    clock.advance(HISTORY_COMMIT_INTERVAL_MS);
    events.length = 0;
    const [again, other] = await Promise.all([recordEndedCall(context, ended('a')), recordEndedCall(context, ended('b'))]);
    expect(again).toBeUndefined();
    expect(other).toMatchObject<Partial<HistoryEntry>>({ peer: 'sip:caller-b@127.0.0.1', outcome: 'answered' });
    expect(events.map((e) => e.name)).toEqual(['history:added']);
  });

  it('flushEndedCalls commits at once, before the store closes', async () => {
    const { store, context, dataDir } = setup();
    const pending = recordEndedCall(context, ended('a'));
    flushEndedCalls(context);
    store.close();
    expect(await pending).toMatchObject({ outcome: 'answered' });
    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT peer FROM call_history').all()).toEqual([{ peer: 'sip:caller-a@127.0.0.1' }]);
    } finally {
      db.close();
    }
  });

  it('a history that cannot be written resolves undefined and announces nothing', async () => {
    const { store, context, events } = setup();
    store.close();
    expect(await recordEndedCall(context, ended('a'))).toBeUndefined();
    expect(events).toEqual([]);
  });
});
