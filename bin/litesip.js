#!/usr/bin/env node
// Launcher for the headless twin. In a source checkout it runs the TypeScript directly
// (through tsx), so `npx litesip` works right after `npm ci`; a packaged build runs the
// bundle that `npm run build` wrote to out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../main/cli/index.ts', import.meta.url));
const bundle = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));

if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(bundle).href);
}
