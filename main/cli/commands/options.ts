import { parseArgs } from 'node:util';
import { commandEngine, withEngine } from '../command-engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import { createOutput } from '../output';
import { UsageError } from '../usage-error';

export const optionsHelp = `litesip options — ask a SIP address what it can do (RFC 3261 §11)

Usage: litesip options URI [--listen udp|tcp|tls:HOST:PORT] [--json]

Sends OPTIONS to URI (e.g. sip:bob@192.0.2.10:5060) and prints the answer: status,
round-trip time, Allow, Accept, Supported and the peer's software.
Exit 0 on a 2xx answer, 1 otherwise.`;

export async function optionsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: commonOptions, strict: true, allowPositionals: true });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(optionsHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one URI, e.g. litesip options sip:bob@192.0.2.10');
  const flags = readCommonFlags(values, ['udp:0.0.0.0:0', 'tcp:0.0.0.0:0']);
  const engine = commandEngine(flags);
  const status = await withEngine(engine, out, async () => {
    const r = await engine.ping(positionals[0]!);
    const lines = [`${r.status} ${r.reason} (${r.rttMs} ms)`];
    for (const [k, v] of Object.entries({ Allow: r.allow, Accept: r.accept, Supported: r.supported, Server: r.server, Contact: r.contact })) {
      if (v !== undefined) lines.push(`  ${k}: ${v}`);
    }
    out.event('options', { uri: positionals[0], ...r }, lines.join('\n'));
    return r.status >= 200 && r.status < 300 ? 0 : 1;
  });
  return status ?? 1;
}
