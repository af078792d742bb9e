import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

function message(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'message', ...args, '--listen', 'udp:127.0.0.1:0', '--data', tempDir()], { encoding: 'utf8', timeout: 20_000 });
}

describe('litesip message', () => {
  it('exits 0 when delivered, and the running peer prints it', async () => {
    const bob = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', tempDir()]);
    const ready = await bob.waitFor('ready', () => true, 15_000);
    const port = (ready.listening as { port: number }[])[0]!.port;
    const r = message([`sip:bob@127.0.0.1:${port}`, 'hello from the cli', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'message', state: 'delivered' });
    const got = await bob.waitFor('chat:message-received');
    expect(got.data).toMatchObject({ body: 'hello from the cli', direction: 'in' });
    bob.child.kill('SIGTERM');
    expect(await bob.exited).toBe(0);
  });

  it('exits 1 with the reason when the peer refuses, 2 on bad usage', async () => {
    expect(spawnSync(process.execPath, [CLI, 'message', 'sip:bob@127.0.0.1'], { encoding: 'utf8' }).status).toBe(2);
    const bad = message(['mailto:bob@example.com', 'hi']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a SIP address');
  });
});
