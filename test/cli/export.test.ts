import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInfo } from '../../shared/ipc';
import { Communicator } from '../../main/engine';
import { DATABASE_FILE, openStore } from '../../main/store';
import { CLI, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

function litesip(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
}

const engines: Communicator[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

// Each test runs the CLI several times in child processes (each loads the engine afresh).
describe('litesip export / import', { timeout: 90_000 }, () => {
  it('round-trips a data folder through one archive, passwords under the passphrase', () => {
    const source = tempDir();
    const store = openStore(source);
    store.settings.save({ displayName: 'Alice', theme: 'dark' });
    store.contacts.addBuddy('sip:bob@192.0.2.2', 'Bob');
    store.accounts.add({ aor: 'sip:alice@example.com', password: 'Cli-Password-9' });
    store.history.record({ callId: 'c1', direction: 'outgoing', peer: 'sip:bob@192.0.2.2', startedAt: 1, endedAt: 2, outcome: 'busy', sipStatus: 486, encryption: 'none' });
    store.close();
    const file = path.join(tempDir(), 'alice.litesip');

    const exported = litesip(['export', '--data', source, '--out', file, '--json'], { LITESIP_PASSPHRASE: 'open sesame' });
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'exported', secretsIncluded: 1 });

    const target = path.join(tempDir(), 'restored');
    const imported = litesip(['import', file, '--data', target, '--passphrase', 'open sesame']);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('imported into');
    const restored = openStore(target);
    expect(restored.settings.load()).toMatchObject({ displayName: 'Alice', theme: 'dark' });
    expect(restored.contacts.list()).toMatchObject([{ uri: 'sip:bob@192.0.2.2', displayName: 'Bob' }]);
    expect(restored.accounts.enabledWithSecrets()).toMatchObject([{ account: { aor: 'sip:alice@example.com' }, password: 'Cli-Password-9' }]);
    expect(restored.history.page().entries).toMatchObject([{ outcome: 'busy', sipStatus: 486 }]);
    restored.close();

    // A second import into the same folder needs --force.
    const again = litesip(['import', file, '--data', target, '--passphrase', 'open sesame']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('is not empty');
  });

  it('warns when passwords are left out, and refuses a corrupt archive without touching the folder', () => {
    const source = tempDir();
    const store = openStore(source);
    store.accounts.add({ aor: 'sip:alice@example.com', password: 'pw' });
    store.close();
    const file = path.join(tempDir(), 'a.litesip');
    const exported = litesip(['export', '--data', source, '--out', file]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/warning: 1 stored password\(s\) were left out/);

    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 20));
    const target = path.join(tempDir(), 'fresh');
    const imported = litesip(['import', file, '--data', target]);
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(/litesip: The archive is damaged/);
    expect(fs.existsSync(target)).toBe(false);

    expect(litesip(['import', '--data', target]).status).toBe(2);
    expect(litesip(['export', '--data', source]).status).toBe(2);
    const nothing = litesip(['export', '--data', path.join(target, 'none'), '--out', file]);
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toContain('no LiteSIP data');
  });
});

describe('durability of the call history', () => {
  it('a kill -9 right after a call ended leaves its history row and an intact database', async () => {
    const dataDir = tempDir();
    const bob = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--auto-answer', '0', '--json', '--data', dataDir]);
    const ready = await bob.waitFor('ready', () => true, 15_000);
    const alice = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice' });
    engines.push(alice);
    await alice.start();
    const connected = new Promise<CallInfo>((resolve) => alice.events.on('calls:changed', (c) => c.state === 'connected' && resolve(c)));
    await alice.request('calls:dial', { target: ready.identity as string });
    const call = await connected;
    await alice.request('calls:hangup', { callId: call.id });
    await bob.waitFor('calls:changed', (e) => (e.data as CallInfo).state === 'ended', 10_000);
    bob.child.kill('SIGKILL');
    await bob.exited;

    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT direction, outcome, peer FROM call_history').all()).toEqual([
        { direction: 'incoming', outcome: 'answered', peer: expect.stringContaining('alice@127.0.0.1') },
      ]);
    } finally {
      db.close();
    }
  });
});
