import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers/cli';

export const CHROMIUM = process.env.LITESIP_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS = path.join(ROOT, 'test-results');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A fresh engine opens on the first-run screen: start serverless with a name, then continue to the app. */
export async function completeSetup(page: Page, name: string, shot?: (name: string) => Promise<void>): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Welcome to LiteSIP' }).waitFor({ timeout: 15_000 });
  await shot?.('setup-account.png');
  await page.getByRole('radio', { name: /Start without a server/ }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start LiteSIP' }).click();
  const address = page.getByTestId('own-address');
  await address.waitFor();
  await shot?.('setup-serverless-ready.png');
  const own = (await address.textContent()) ?? '';
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return own;
}
