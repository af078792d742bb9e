/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those whose name contains one of the
 * arguments) and prints one table per benchmark, with ratios against the peers measured
 * in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatTable, type BenchTable } from './bench-table';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run(): Promise<BenchTable[]> };
  for (const table of await mod.run()) console.log(`${formatTable(table)}\n`);
}
