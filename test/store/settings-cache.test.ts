import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function open(dir: string): Store {
  const s = openStore(dir);
  stores.push(s);
  return s;
}

describe('settings read once and kept until something writes', () => {
  it('sees its own saves, writes through its connection and other processes\' commits, and hands out copies', () => {
    const dir = tempDir();
    const app = open(dir);
    const cli = open(dir);
    expect(app.settings.load().displayName).toBe(cli.settings.load().displayName);

    app.settings.save({ displayName: 'Alice' });
    expect(app.settings.load().displayName).toBe('Alice');
    // another connection to the same file (the CLI next to the desktop app)
    expect(cli.settings.load().displayName).toBe('Alice');
    cli.settings.save({ displayName: 'Bob', nat: { stunServers: ['stun.example.net:3478'] } });
    expect(app.settings.load()).toMatchObject({ displayName: 'Bob', nat: { stunServers: ['stun.example.net:3478'] } });

    app.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify('Carol'), 'displayName');
    expect(app.settings.load().displayName).toBe('Carol');

    const copy = app.settings.load();
    copy.nat.stunServers.push('mutated.example:3478');
    copy.displayName = 'Mallory';
    expect(app.settings.load()).toMatchObject({ displayName: 'Carol', nat: { stunServers: ['stun.example.net:3478'] } });
  });
});
