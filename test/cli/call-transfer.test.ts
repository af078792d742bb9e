import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli';
import { startEngine, waitCall } from '../helpers/engines';
import { tempDir } from '../helpers/temp-dir';

describe('litesip call --transfer-to', () => {
  it('hands the answered party over to another address and exits 0 when the transfer succeeds', async () => {
    const bob = await startEngine('bob', { autoAnswerSeconds: 0 });
    const carol = await startEngine('carol', { autoAnswerSeconds: 0 });
    const bobToCarol = waitCall(bob, (c) => c.state === 'connected' && c.direction === 'outgoing', 20_000);
    const carolUp = waitCall(carol, (c) => c.state === 'connected', 20_000);
    const cli = startCli(['call', bob.status().identity, '--transfer-to', carol.status().identity, '--after', '0.5', '--listen', 'udp:127.0.0.1:0', '--json', '--data', tempDir()]);
    expect(await cli.exited).toBe(0);
    expect(cli.events.some((e) => e.event === 'transfer' && e.state === 'succeeded' && e.status === 200)).toBe(true);
    const call = await bobToCarol;
    expect(call.peer).toBe(carol.status().identity);
    await carolUp;
  }, 30_000);

  it('exits 1 with the reason when the target refuses', async () => {
    const bob = await startEngine('bob', { autoAnswerSeconds: 0 });
    const busy = await startEngine('carol', { maxCalls: 0 });
    const cli = startCli(['call', bob.status().identity, '--transfer-to', busy.status().identity, '--after', '0', '--listen', 'udp:127.0.0.1:0', '--json', '--data', tempDir()]);
    expect(await cli.exited).toBe(1);
    expect(cli.events.find((e) => e.event === 'error')?.message).toMatch(/transfer failed: .*Busy/);
  }, 30_000);

  it('exits 2 for --after without --transfer-to', async () => {
    const cli = startCli(['call', 'sip:bob@127.0.0.1:9', '--after', '1', '--data', tempDir()]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toContain('--after goes with --transfer-to');
  });
});
