import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startCli, type CliProcess } from '../helpers/cli';
import { completeSetup } from './ui-helpers';

// Calls driven from the browser against a second, headless LiteSIP as the peer.
const CHROMIUM = process.env.LITESIP_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-calls-e2e-'));
let context: BrowserContext;

type Ready = { web?: string; listening: { transport: string; host: string; port: number }[] };

async function ready(cli: CliProcess): Promise<Ready> {
  return (await cli.waitFor('ready', () => true, 30_000)) as unknown as Ready;
}

function ensureBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(RESULTS, name) });
}

describe('calls in the web UI', () => {
  beforeAll(async () => {
    ensureBuilt();
    fs.mkdirSync(RESULTS, { recursive: true });
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 820 },
    });
  });

  afterAll(async () => {
    await context?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('dials a peer, shows it connected with quality, hangs up; then answers a call from it', async () => {
    const ui = startCli(['run', '--web', '0', '--listen', 'udp:127.0.0.1:0', '--user', 'alice', '--json', '--data', path.join(scratch, 'ui')]);
    const peer = startCli(['run', '--auto-answer', '0', '--play', 'tone:880', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', path.join(scratch, 'peer')]);
    const [uiReady, peerReady] = await Promise.all([ready(ui), ready(peer)]);
    const peerPort = peerReady.listening[0]!.port;
    const uiPort = uiReady.listening[0]!.port;

    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto(uiReady.web!);
    await completeSetup(page, 'Alice Martin');
    await page.getByRole('button', { name: /^Calls/ }).click();
    const field = page.getByLabel('Address or number');
    await field.waitFor();
    await shot(page, 'calls-dialpad.png');

    // A malformed address: the engine's validation message next to the field.
    await field.fill('bob');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => page.locator('#call-target-error').textContent()).toContain('is not a SIP address');
    await shot(page, 'calls-dialpad-error.png');

    await field.fill(`bob@127.0.0.1:${peerPort}`);
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('call-state').textContent(), { timeout: 15_000 }).toContain('Connected');
    expect(await page.getByTestId('call-address').textContent()).toBe(`bob@127.0.0.1:${peerPort}`);
    // The first quality report comes about 5 s after media starts.
    await expect.poll(() => page.getByRole('meter', { name: 'MOS' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('media-path').textContent(), { timeout: 10_000 }).toContain('127.0.0.1');
    expect(await page.getByTestId('quality-loss').textContent()).toMatch(/%$/);
    await shot(page, 'calls-connected.png');

    // Another caller during the call: call waiting, declined with Escape.
    const waiter = startCli(['call', `sip:alice@127.0.0.1:${uiPort}`, '--listen', 'udp:127.0.0.1:0', '--user', 'dave', '--json', '--data', path.join(scratch, 'waiter')]);
    const waiting = page.getByTestId('call-waiting');
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.textContent()).toContain('dave');
    await shot(page, 'calls-waiting.png');
    await page.keyboard.press('Escape');
    await waiting.waitFor({ state: 'detached' });
    expect(await waiter.exited).toBe(1);

    await page.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => page.getByTestId('call-state').textContent()).toContain('On hold');
    await shot(page, 'calls-held.png');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('call-state').textContent()).toContain('Connected');

    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => page.getByTestId('end-reason').textContent()).toContain('hung up');
    await shot(page, 'calls-ended.png');
    await page.getByRole('button', { name: 'Back to dialpad' }).click();

    // The peer calls the UI's engine; the browser answers.
    const caller = startCli(['call', `sip:alice@127.0.0.1:${uiPort}`, '--duration', '3', '--listen', 'udp:127.0.0.1:0', '--user', 'carol', '--json', '--data', path.join(scratch, 'caller')]);
    const incoming = page.getByTestId('incoming-call');
    await incoming.waitFor({ timeout: 15_000 });
    expect(await incoming.textContent()).toContain('carol');
    await shot(page, 'calls-incoming.png');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('call-state').textContent(), { timeout: 10_000 }).toContain('Connected');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.waitForTimeout(300); // let the buttons' colour transition finish
    await shot(page, 'calls-answered-dark.png');
    await caller.waitFor('call-connected', () => true, 10_000);
    // The caller hangs up after its 3 seconds.
    await expect.poll(() => page.getByTestId('call-ended').count(), { timeout: 15_000 }).toBe(1);
    expect(await caller.exited).toBe(0);

    await page.close();
    for (const p of [ui, peer]) p.child.kill('SIGTERM');
    await Promise.all([ui.exited, peer.exited]);
  });
});
