import { parseArgs } from 'node:util';
import type { BuddyPresence } from '../../../shared/ipc';
import { describePresence } from '../describe-event';
import { commandEngine, withEngine } from '../command-engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import { createOutput } from '../output';
import { waitForShutdownSignal } from '../shutdown';
import { UsageError } from '../usage-error';

export const presenceHelp = `litesip presence — watch a SIP address's presence (RFC 3856)

Usage: litesip presence URI [--listen udp|tcp|tls:HOST:PORT]... [--user NAME] [--json]

Subscribes to URI's presence and prints every change (status, note, subscription state)
until SIGINT or SIGTERM. A peer that has not accepted us yet shows as pending.
With --json each change is a "presence:buddy-changed" event.`;

/** A line for people describing a chat or presence event; undefined for other events. */
export async function presenceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: commonOptions, strict: true, allowPositionals: true });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(presenceHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one URI, e.g. litesip presence sip:bob@192.0.2.10');
  const flags = readCommonFlags(values, ['udp:0.0.0.0:0', 'tcp:0.0.0.0:0']);
  const engine = commandEngine(flags);
  const watched = new Set<string>();
  engine.events.on('presence:buddy-changed', (p) => {
    if (watched.has(p.uri)) out.event('presence:buddy-changed', { data: p }, describePresence(p));
  });
  const signal = await withEngine(engine, out, async () => {
    const r = await engine.request('presence:watch', { uri: positionals[0] });
    if (!r.ok) {
      out.error(r.error.message);
      return undefined;
    }
    const first = r.value as BuddyPresence;
    watched.add(first.uri);
    out.event('presence:buddy-changed', { data: first }, describePresence(first));
    return waitForShutdownSignal();
  });
  if (signal === undefined) return 1;
  out.event('stopped', { signal }, `stopped (${signal})`);
  return 0;
}
