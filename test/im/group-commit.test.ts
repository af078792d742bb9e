import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../main/im';
import { tempDir } from '../helpers/temp-dir';

describe('group commit of message writes', () => {
  it('commits writes of one event-loop turn together, answers each after the commit, and fails only a bad one', async () => {
    const file = path.join(tempDir(), 'g.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT NOT NULL CHECK (length(v) < 10)) STRICT');
    const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
    let transactions = 0;
    const commits = new GroupCommit((fn) => {
      transactions++;
      db.transaction(fn)();
    });
    const outcome: string[] = [];
    const seenOnDisk: number[] = [];
    const reader = new Database(file, { readonly: true });
    const count = (): number => (reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    for (const v of ['a', 'b', 'c']) {
      commits.add(
        () => insert.run(v).changes,
        () => {
          outcome.push(`${v} stored`);
          seenOnDisk.push(count());
        },
        () => outcome.push(`${v} failed`),
      );
    }
    expect(count()).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(transactions).toBe(1);
    // Another connection sees all three when the first callback runs: committed before the answer.
    expect(seenOnDisk).toEqual([3, 3, 3]);
    expect(outcome).toEqual(['a stored', 'b stored', 'c stored']);

    const results = await Promise.allSettled([commits.run(() => insert.run('d').changes), commits.run(() => insert.run('far too long').changes), commits.run(() => insert.run('e').changes)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(count()).toBe(5);
    reader.close();
    db.close();
  });
});
