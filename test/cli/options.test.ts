import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('litesip options', () => {
  it('pings a running engine and prints its capabilities (exit 0)', async () => {
    const bob = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', tempDir()]);
    const ready = await bob.waitFor('ready', () => true, 15_000);
    const port = (ready.listening as { port: number }[])[0]!.port;
    const r = spawnSync(process.execPath, [CLI, 'options', `sip:bob@127.0.0.1:${port}`, '--json', '--listen', 'udp:127.0.0.1:0', '--data', tempDir()], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(r.status).toBe(0);
    const event = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(event).toMatchObject({ event: 'options', status: 200, reason: 'OK', allow: expect.stringContaining('OPTIONS') });
    expect(event.server).toMatch(/^LiteSIP\//);
    bob.child.kill('SIGTERM');
    expect(await bob.exited).toBe(0);
  });

  it('exits 2 without a URI and 1 for an address that is not SIP', () => {
    expect(spawnSync(process.execPath, [CLI, 'options'], { encoding: 'utf8' }).status).toBe(2);
    const bad = spawnSync(process.execPath, [CLI, 'options', 'mailto:bob@example.com', '--listen', 'udp:127.0.0.1:0', '--data', tempDir()], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a SIP address');
  });

  it('register needs an account (exit 2)', () => {
    const r = spawnSync(process.execPath, [CLI, 'register', '--password', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--account');
  });
});
