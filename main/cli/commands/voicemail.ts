import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VoicemailEntry } from '../../../shared/ipc';
import { VoicemailBox, VoicemailError } from '../../services/voicemail';
import { DATABASE_FILE, openStore } from '../../store';
import { defaultDataDir } from '../data-dir';
import { createOutput, type Output } from '../output';
import { UsageError } from '../usage-error';

export const voicemailHelp = `litesip voicemail — the messages callers left

Usage: litesip voicemail list [--unheard] [--data DIR] [--json]
       litesip voicemail play ID --out FILE.wav [--data DIR] [--json]
       litesip voicemail delete ID [--data DIR] [--json]

  list          newest first: id, caller, when, length, heard or not
  play ID       write message ID as a 16 kHz mono WAV file and mark it heard
  delete ID     remove message ID and its audio
  --out FILE    the WAV file to write (replaced if it exists)
  --unheard     list only messages not heard yet
  --data DIR    data folder (default: the desktop app's)
  --json        one JSON event per line on stdout

Safe to use while "litesip run" takes calls in the same data folder.`;

const voicemailOptions = {
  out: { type: 'string' },
  unheard: { type: 'boolean', default: false },
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function describe(v: VoicemailEntry): string {
  const when = new Date(v.receivedAt).toISOString().replace('T', ' ').slice(0, 19);
  const who = v.callerName ? `${v.callerName} <${v.caller}>` : v.caller;
  const via = v.forwardedFrom ? ` (via ${v.forwardedFrom})` : '';
  return `${String(v.id).padStart(4)}  ${v.heard ? ' ' : '*'} ${when}  ${(v.durationMs / 1000).toFixed(1).padStart(6)} s  ${who}${via}`;
}

function readId(text: string | undefined): number {
  if (text === undefined) throw new UsageError('a voicemail ID is required (see "litesip voicemail list")');
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) throw new UsageError(`"${text}" is not a voicemail ID`);
  return Number(text);
}

export async function voicemailCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: voicemailOptions, strict: true, allowPositionals: true });
  const out: Output = createOutput(values.json);
  if (values.help) {
    out.info(voicemailHelp);
    return 0;
  }
  const [verb, idText, ...extra] = positionals;
  if (verb !== 'list' && verb !== 'play' && verb !== 'delete') throw new UsageError(`say list, play ID or delete ID${verb ? ` (not "${verb}")` : ''}`);
  if (extra.length > 0 || (verb === 'list' && idText !== undefined)) throw new UsageError(`unexpected "${[idText, ...extra].filter(Boolean).join(' ')}"`);
  const id = verb === 'list' ? 0 : readId(idText);
  if (verb === 'play' && (values.out === undefined || values.out === '')) throw new UsageError('play needs --out FILE.wav');
  if (verb === 'play' && !/\.wav$/i.test(values.out ?? '')) throw new UsageError(`--out "${values.out}" is not a .wav file`);
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    out.error(`there is no LiteSIP data in ${dataDir}`);
    return 1;
  }
  const store = openStore(dataDir);
  try {
    const box = new VoicemailBox(store);
    if (verb === 'list') {
      const page = box.list(500, values.unheard);
      if (out.json) for (const v of page.entries) out.event('voicemail', { ...v }, '');
      else if (page.entries.length === 0) out.info(values.unheard ? 'no unheard voicemail' : 'no voicemail');
      else out.info(page.entries.map(describe).join('\n'));
      out.event('summary', { count: page.entries.length, unheard: page.unheard }, `${page.entries.length} message(s), ${page.unheard} unheard`);
    } else if (verb === 'play') {
      const file = path.resolve(values.out as string);
      const written = box.exportWav(id, file);
      const entry = box.setHeard(id, true);
      out.event('played', { id, file: written.path, bytes: written.bytes, durationMs: entry.durationMs }, `wrote voicemail ${id} (${(entry.durationMs / 1000).toFixed(1)} s) to ${written.path}`);
    } else {
      if (!box.delete(id)) {
        out.error(`there is no voicemail ${id}`);
        return 1;
      }
      out.event('deleted', { id }, `deleted voicemail ${id}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof VoicemailError) {
      out.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    store.close();
  }
}
