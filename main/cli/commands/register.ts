import { parseArgs } from 'node:util';
import { commandEngine, withEngine } from '../command-engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import { createOutput } from '../output';
import { waitForShutdownSignal } from '../shutdown';
import { UsageError } from '../usage-error';

export const registerHelp = `litesip register — register an account with its registrar (RFC 3261 §10)

Usage: litesip register --account sip:user@domain --password SECRET [--proxy sip:HOST:PORT]
                        [--listen udp|tcp|tls:HOST:PORT] [--stay] [--json]

Registers, prints the outcome and, unless --stay is given, removes the registration again
and exits: 0 when the registrar accepted it, 1 with the reason when not. With --stay it
keeps the registration fresh until SIGINT/SIGTERM, printing each change.`;

const registerOptions = { ...commonOptions, stay: { type: 'boolean', default: false } } as const;

export async function registerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: registerOptions, strict: true, allowPositionals: false });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(registerHelp);
    return 0;
  }
  const flags = readCommonFlags(values, ['udp:0.0.0.0:0', 'tcp:0.0.0.0:0']);
  if (flags.accounts.length === 0) throw new UsageError('--account sip:user@domain is required');
  const engine = commandEngine(flags);
  let last = '';
  engine.events.on('app:status', (status) => {
    for (const r of status.registrations) {
      const line = `${r.aor}: ${r.state}${r.expires !== undefined ? ` for ${r.expires} s` : ''}${r.reason ? ` (${r.reason})` : ''}`;
      if (line === last || r.state === 'registering') continue;
      last = line;
      out.event('registration', { ...r }, line);
    }
  });
  const ok = await withEngine(engine, out, async () => {
    const outcome = await engine.stack!.registerAll();
    const registered = outcome.every((r) => r.state === 'registered');
    if (values.stay && registered) await waitForShutdownSignal();
    return registered;
  });
  return ok ? 0 : 1;
}
