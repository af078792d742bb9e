import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import readline from 'node:readline';
import { CLI, ROOT } from '../helpers/cli';
import { completeSetup } from './ui-helpers';

// The suite drives the built renderer through the web bridge in Debian's chromium.
// CI builds first (`npm run build`); a missing build is made here so the suite also runs alone.
const CHROMIUM = process.env.LITESIP_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let context: BrowserContext;
let cli: ChildProcess;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-e2e-'));
let webUrl: string;
let listening: { transport: string; host: string; port: number }[];

function ensureBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** One engine for the whole suite (the shared CLI helper stops its processes after each test). */
function startEngine(): Promise<Record<string, unknown>> {
  cli = spawn(process.execPath, [CLI, 'run', '--web', '0', '--listen', 'udp:127.0.0.1:0', '--user', 'alice', '--json', '--data', path.join(scratch, 'data')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('litesip run --web printed no ready event')), 30_000);
    readline.createInterface({ input: cli.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      if (event.event === 'ready') {
        clearTimeout(timer);
        resolve(event);
      }
    });
    cli.once('exit', (code) => reject(new Error(`litesip run exited with ${code}`)));
  });
}

async function openPage(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(url);
  return page;
}

describe('the web UI over the web bridge', () => {
  beforeAll(async () => {
    ensureBuilt();
    fs.mkdirSync(RESULTS, { recursive: true });
    const ready = await startEngine();
    webUrl = ready.web as string;
    listening = ready.listening as typeof listening;
    // A persistent context gives the fresh user-data-dir the suite asks for.
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1100, height: 720 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (cli && cli.exitCode === null) {
      const exited = new Promise((resolve) => cli.once('exit', resolve));
      cli.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('prints a tokenised URL on 127.0.0.1', () => {
    expect(webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{16,}$/);
  });

  it('first run: starts serverless with a name and shows the own address', async () => {
    const page = await openPage(webUrl);
    const own = await completeSetup(page, 'Alice', (name) => page.screenshot({ path: path.join(RESULTS, name) }).then(() => undefined));
    expect(own).toBe(`sip:alice@127.0.0.1:${listening[0]!.port}`);
    // Done once: a new tab opens the app itself.
    const again = await openPage(webUrl);
    await again.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 15_000 });
    expect(await again.getByRole('heading', { level: 1, name: 'Welcome to LiteSIP' }).count()).toBe(0);
    await again.close();
    await page.close();
  });

  it('shows the live engine status through the WebSocket', async () => {
    const page = await openPage(webUrl);
    const udp = listening[0]!;
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toContain('Running');
    await expect.poll(() => page.getByTestId('identity').textContent()).toBe(`sip:alice@127.0.0.1:${udp.port}`);
    const table = await page.getByRole('table').textContent();
    expect(table).toContain('UDP');
    expect(table).toContain('127.0.0.1');
    expect(table).toContain(String(udp.port));
    // The token left the address bar.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: path.join(RESULTS, 'e2e-status.png') });
    await page.close();
  });

  it('saves settings through the bridge and applies the theme live', async () => {
    const page = await openPage(webUrl);
    await page.setViewportSize({ width: 1100, height: 1300 });
    await page.getByRole('button', { name: 'Settings' }).click();
    const name = page.getByLabel('Display name');
    await name.fill('Alice Martin');
    await name.press('Enter');
    await page.getByText('Dark', { exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByLabel('STUN servers').fill('not a server');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('host name and port');
    await page.screenshot({ path: path.join(RESULTS, 'e2e-settings-dark.png') });

    // A second tab sees what the first saved (it came from the engine, not the page).
    const again = await openPage(webUrl);
    await again.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => again.getByLabel('Display name').inputValue()).toBe('Alice Martin');
    await again.close();
    await page.close();
  });

  it('refuses a page without the token', async () => {
    const page = await openPage(new URL('/', webUrl).href);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('printed link');
    await page.close();
  });
});
