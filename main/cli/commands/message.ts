import { parseArgs } from 'node:util';
import type { ChatMessage } from '../../../shared/ipc';
import { commandEngine, withEngine } from '../command-engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import { createOutput } from '../output';
import { UsageError } from '../usage-error';

export const messageHelp = `litesip message — send an instant message (RFC 3428)

Usage: litesip message URI TEXT [--listen udp|tcp|tls:HOST:PORT]... [--account AOR --password PW] [--json]

Sends TEXT as a SIP MESSAGE (text/plain; UTF-8) to URI, e.g. sip:bob@192.0.2.10:5060, and
waits for the answer. Texts over 1300 bytes go over TCP (RFC 3428 §7).
Exit 0 when delivered, 1 with the reason otherwise (an unreachable peer's message stays
queued in the data folder and is sent when a later "litesip run" sees the peer online).`;

export async function messageCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: commonOptions, strict: true, allowPositionals: true });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(messageHelp);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('give a URI and a text, e.g. litesip message sip:bob@192.0.2.10 "hello"');
  const [uri, text] = positionals as [string, string];
  if (text.length === 0) throw new UsageError('the text is empty');
  const flags = readCommonFlags(values, ['udp:0.0.0.0:0', 'tcp:0.0.0.0:0']);
  const engine = commandEngine(flags);
  const status = await withEngine(engine, out, async () => {
    const r = await engine.request('chat:send', { to: uri, body: text });
    if (!r.ok) {
      out.error(r.error.message);
      return 1;
    }
    const m = r.value as ChatMessage;
    const why = m.reason ? ` (${m.reason})` : '';
    out.event('message', { uri, id: m.id, state: m.state, ...(m.reason ? { reason: m.reason } : {}) }, `${m.state}${why}`);
    if (m.state === 'delivered') return 0;
    if (!out.json) process.stderr.write(`litesip: message not delivered: ${m.state}${why}\n`);
    return 1;
  });
  return status ?? 1;
}
