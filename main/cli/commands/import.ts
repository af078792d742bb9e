import path from 'node:path';
import { parseArgs } from 'node:util';
import { ArchiveError, importArchive } from '../../store';
import { defaultDataDir } from '../data-dir';
import { createOutput } from '../output';
import { UsageError } from '../usage-error';

export const importHelp = `litesip import — restore an archive made by litesip export

Usage: litesip import FILE [--data DIR] [--passphrase TEXT] [--force] [--json]

  --data DIR         the folder to restore into (default: the desktop app's); it must be
                     empty or missing unless --force is given
  --passphrase TEXT  the export's passphrase (also read from LITESIP_PASSPHRASE), when the
                     archive carries passwords
  --force            replace the database of a folder that already has data
  --json             one JSON event per line on stdout

The archive is checked in full first; a damaged or foreign file changes nothing.
Stop LiteSIP before importing over its data folder.`;

const importOptions = {
  passphrase: { type: 'string' },
  data: { type: 'string' },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: importOptions, strict: true, allowPositionals: true });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(importHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one archive FILE');
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const passphrase = values.passphrase ?? process.env.LITESIP_PASSPHRASE;
  try {
    const r = importArchive(path.resolve(positionals[0]!), dataDir, { force: values.force, ...(passphrase ? { passphrase } : {}) });
    if (r.secretsLeftOut > 0) {
      out.event('warning', { leftOut: r.secretsLeftOut }, `warning: the archive left out ${r.secretsLeftOut} password(s); set them again`);
    }
    out.event('imported', { ...r }, `imported into ${r.dataDir} (schema ${r.schemaVersion}, ${r.secretsImported} password(s))`);
    return 0;
  } catch (err) {
    if (err instanceof ArchiveError) {
      out.error(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      out.error(`cannot read ${positionals[0]!}: no such file`);
      return 1;
    }
    throw err;
  }
}
