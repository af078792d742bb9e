import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('litesip presence and litesip run', () => {
  it('prints the pending state while the running peer prints the watcher request; both stop on SIGTERM', async () => {
    const bob = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--data', tempDir()]);
    // Human mode: the ready line, then one line per chat or presence event.
    const readyLine = await bob.waitFor('text', (e) => /ready as/.test(String(e.line)), 15_000);
    const bobUri = /ready as (\S+)/.exec(String(readyLine.line))![1]!;
    const watcher = startCli(['presence', bobUri, '--json', '--user', 'alice', '--listen', 'udp:127.0.0.1:0', '--data', tempDir()]);
    await watcher.waitFor('presence:buddy-changed', (e) => (e.data as { subscription: string }).subscription === 'pending', 15_000);
    const asked = await bob.waitFor('text', (e) => /asks to see your presence/.test(String(e.line)), 15_000);
    expect(String(asked.line)).toMatch(/<sip:alice@127\.0\.0\.1:\d+> asks to see your presence/);
    watcher.child.kill('SIGTERM');
    expect(await watcher.exited).toBe(0);
    bob.child.kill('SIGTERM');
    expect(await bob.exited).toBe(0);
  });
});
