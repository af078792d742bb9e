// Fails when any import cycle exists in the TypeScript sources (STYLE rule 2).
import fs from 'node:fs';
import madge from 'madge';

const roots = ['main', 'shared', 'preload', 'renderer/src'].filter((d) => fs.existsSync(d));
const result = await madge(roots, {
  fileExtensions: ['ts'],
  tsConfig: 'tsconfig.json',
  detectiveOptions: { ts: { skipTypeImports: true } },
});
const cycles = result.circular();
if (cycles.length > 0) {
  console.error(`Import cycles (${cycles.length}):`);
  for (const c of cycles) console.error(`  ${c.join(' -> ')}`);
  process.exit(1);
}
console.log(`no import cycles in ${Object.keys(result.obj()).length} files`);
