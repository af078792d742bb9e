import { parseArgs } from 'node:util';
import { Communicator } from '../../engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import type { Output } from '../output';
import { createOutput } from '../output';
import { waitForShutdownSignal } from '../shutdown';

export const runHelp = `litesip run — stay up as a user agent

Usage: litesip run [--listen udp|tcp|tls:HOST:PORT]... [--user NAME] [--data DIR] [--json]

  --listen SPEC   where to listen for SIP (repeatable; default udp:0.0.0.0:5060)
  --user NAME     user part of the local identity (default: litesip)
  --data DIR      data folder (default: the desktop app's)
  --json          one JSON event per line on stdout

Stops cleanly on SIGINT or SIGTERM.`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: commonOptions, strict: true, allowPositionals: false });
  const out: Output = createOutput(values.json);
  if (values.help) {
    out.info(runHelp);
    return 0;
  }
  const flags = readCommonFlags(values, ['udp:0.0.0.0:5060']);
  const engine = new Communicator({ dataDir: flags.dataDir, listen: flags.listen, ...(flags.user ? { user: flags.user } : {}) });
  engine.events.onAny((name, payload) => {
    if (out.json) out.event(name, { data: payload }, '');
  });
  try {
    await engine.start();
  } catch (err) {
    out.error((err as Error).message);
    return 1;
  }
  const status = engine.status();
  out.event(
    'ready',
    { version: status.version, identity: status.identity, listening: status.listening, dataDir: flags.dataDir },
    `LiteSIP ${status.version} ready as ${status.identity}\n` +
      status.listening.map((l) => `  listening on ${l.transport} ${l.host}:${l.port}`).join('\n'),
  );
  const signal = await waitForShutdownSignal();
  await engine.stop();
  out.event('stopped', { signal }, `stopped (${signal})`);
  return 0;
}
