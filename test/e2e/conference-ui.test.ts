import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startCli, type CliProcess } from '../helpers/cli';
import { CHROMIUM, CHROMIUM_ARGS, RESULTS, completeSetup } from './ui-helpers';

// Two calls from the browser to headless peers: merged into a local conference (one party
// muted, one dropped), then a blind transfer of the call left.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-conference-e2e-'));
let context: BrowserContext;

type Ready = { web?: string; listening: { transport: string; host: string; port: number }[] };

async function ready(cli: CliProcess): Promise<Ready> {
  // Four engines start at once; on a busy machine that can take a while.
  return (await cli.waitFor('ready', () => true, 90_000)) as unknown as Ready;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(RESULTS, name) });
}

describe('conference and transfer in the web UI', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('merges two calls, mutes and drops a party, then transfers the call left', async () => {
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 820 } });
    const peer = (user: string, hz: number): CliProcess =>
      startCli(['run', '--auto-answer', '0', '--play', `tone:${hz}`, '--listen', 'udp:127.0.0.1:0', '--user', user, '--json', '--data', path.join(scratch, user)]);
    const ui = startCli(['run', '--web', '0', '--listen', 'udp:127.0.0.1:0', '--user', 'alice', '--json', '--data', path.join(scratch, 'ui')]);
    const [bob, carol, dave] = [peer('bob', 660), peer('carol', 880), peer('dave', 1000)];
    const [uiReady, bobReady, carolReady, daveReady] = await Promise.all([ready(ui), ready(bob), ready(carol), ready(dave)]);
    const address = (r: Ready, user: string): string => `${user}@127.0.0.1:${r.listening[0]!.port}`;

    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto(uiReady.web!);
    await completeSetup(page, 'Alice Martin');
    await page.getByRole('button', { name: /^Calls/ }).click();
    const dial = async (target: string): Promise<void> => {
      const field = page.getByLabel('Address or number');
      await field.waitFor();
      await field.fill(target);
      await field.press('Enter');
      await expect.poll(() => page.getByTestId('call-state').textContent(), { timeout: 15_000 }).toContain('Connected');
    };
    await dial(address(bobReady, 'bob'));
    await page.getByRole('button', { name: 'New call' }).click();
    await dial(address(carolReady, 'carol'));

    await page.getByRole('button', { name: 'Merge calls' }).click();
    const conference = page.getByRole('region', { name: 'Conference' });
    await expect.poll(() => conference.getByTestId('conference-member').count(), { timeout: 10_000 }).toBe(2);
    await conference.getByRole('button', { name: /^Mute bob/ }).click();
    await expect.poll(() => conference.getByRole('button', { name: /^Unmute bob/ }).count()).toBe(1);
    await shot(page, 'calls-conference.png');

    await conference.getByRole('button', { name: /^Drop bob/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Conference' }).count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Transfer this call' });
    await panel.getByLabel('Transfer to').fill(address(daveReady, 'dave'));
    await shot(page, 'calls-transfer.png');
    await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect.poll(() => page.getByTestId('end-reason').textContent(), { timeout: 15_000 }).toContain('transferred');
    await dave.waitFor('calls:changed', (e) => (e.data as { state?: string }).state === 'connected', 15_000);
    await shot(page, 'calls-transferred.png');

    await page.close();
    for (const p of [ui, bob, carol, dave]) p.child.kill('SIGTERM');
    await Promise.all([ui, bob, carol, dave].map((p) => p.exited));
  }, 240_000);
});
