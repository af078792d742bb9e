import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION } from '../../engine';
import { DATABASE_FILE, exportArchive, openStore } from '../../store';
import { defaultDataDir } from '../data-dir';
import { createOutput } from '../output';
import { UsageError } from '../usage-error';

export const exportHelp = `litesip export — write the whole local store to one archive file

Usage: litesip export --out FILE [--passphrase TEXT] [--data DIR] [--json]

  --out FILE         the archive to write (gzip'd; replaced if it exists)
  --passphrase TEXT  seal the stored passwords under TEXT (also read from LITESIP_PASSPHRASE);
                     without one, passwords are left out of the archive
  --data DIR         data folder (default: the desktop app's)
  --json             one JSON event per line on stdout

Settings, contacts, messages, call history, accounts and voicemail (with its audio) go in as
one consistent snapshot; it is safe to export while LiteSIP runs.`;

const exportOptions = {
  out: { type: 'string' },
  passphrase: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: exportOptions, strict: true, allowPositionals: false });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(exportHelp);
    return 0;
  }
  if (values.out === undefined || values.out === '') throw new UsageError('--out FILE is required');
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    out.error(`there is no LiteSIP data in ${dataDir} to export`);
    return 1;
  }
  const passphrase = values.passphrase ?? process.env.LITESIP_PASSPHRASE;
  const file = path.resolve(values.out);
  const store = openStore(dataDir);
  try {
    const r = exportArchive(store, file, { ...(passphrase ? { passphrase } : {}), appVersion: VERSION });
    if (r.secretsLeftOut > 0) {
      out.event('warning', { leftOut: r.secretsLeftOut }, `warning: ${r.secretsLeftOut} stored password(s) were left out; give --passphrase to carry them`);
    }
    out.event('exported', { ...r }, `exported ${dataDir} to ${r.file} (${r.bytes} bytes, schema ${r.schemaVersion}, ${r.secretsIncluded} password(s) sealed)`);
    return 0;
  } finally {
    store.close();
  }
}
