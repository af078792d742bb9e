import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { CLI, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('litesip run', () => {
  it('prints a ready event with its listening address and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'alice', '--json', '--data', tempDir()]);
    const ready = await cli.waitFor('ready', () => true, 15_000);
    const listening = ready.listening as { transport: string; host: string; port: number }[];
    expect(listening).toHaveLength(1);
    expect(listening[0]).toMatchObject({ transport: 'udp', host: '127.0.0.1' });
    expect(listening[0]!.port).toBeGreaterThan(0);
    expect(ready.identity).toBe(`sip:alice@127.0.0.1:${listening[0]!.port}`);

    // The port really is taken by the engine.
    const probe = dgram.createSocket('udp4');
    const bindError = await new Promise<Error | undefined>((resolve) => {
      probe.once('error', resolve);
      probe.bind(listening[0]!.port, '127.0.0.1', () => resolve(undefined));
    });
    probe.close();
    expect((bindError as NodeJS.ErrnoException | undefined)?.code).toBe('EADDRINUSE');

    const started = Date.now();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(cli.events.at(-1)).toMatchObject({ event: 'stopped', signal: 'SIGTERM' });
  });

  it('exits 2 with a clear message on a bad flag', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', '--listen', 'carrier-pigeon:1'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a listen address');
    const unknown = spawnSync(process.execPath, [CLI, 'run', '--frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--frobnicate');
  });

  it('exits 1 with the reason when the address is taken', async () => {
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', resolve));
    const port = holder.address().port;
    const r = spawnSync(process.execPath, [CLI, 'run', '--listen', `udp:127.0.0.1:${port}`, '--data', tempDir()], { encoding: 'utf8' });
    holder.close();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/EADDRINUSE|address already in use/i);
  });

  it('prints its version and usage', () => {
    const v = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('litesip <command>');
  });
});
