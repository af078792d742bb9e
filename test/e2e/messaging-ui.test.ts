import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, Contact, HistoryEntry, VoicemailEntry } from '../../shared/ipc';
import { ROOT, startCli, type CliProcess } from '../helpers/cli';
import { BridgeClient } from './bridge-client';
import { CHROMIUM, CHROMIUM_ARGS, RESULTS, completeSetup } from './ui-helpers';

// Contacts, presence, messages, history and voicemail in the web UI, with a second headless
// LiteSIP as the other person, driven through its own web bridge.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-messaging-e2e-'));
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
  await page.waitForTimeout(250); // let transitions settle
  await page.screenshot({ path: path.join(RESULTS, name) });
}

async function dark(page: Page, on: boolean): Promise<void> {
  await page.emulateMedia({ colorScheme: on ? 'dark' : 'light' });
  await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(on ? 'dark' : 'light');
}

describe('contacts, presence, messages, history and voicemail in the web UI', () => {
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

  it('sees the peer’s presence change, chats with delivery state both ways, and plays a voicemail the peer left', async () => {
    const ui = startCli(['run', '--web', '0', '--listen', 'udp:127.0.0.1:0', '--user', 'alice', '--json', '--data', path.join(scratch, 'ui')]);
    const peer = startCli(['run', '--web', '0', '--play', 'tone:440', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', path.join(scratch, 'peer')]);
    const [uiReady, peerReady] = await Promise.all([ready(ui), ready(peer)]);
    const aliceUri = `sip:alice@127.0.0.1:${uiReady.listening[0]!.port}`;
    const bobUri = `sip:bob@127.0.0.1:${peerReady.listening[0]!.port}`;
    const bob = await BridgeClient.connect(peerReady.web!);
    const aliceEngine = await BridgeClient.connect(uiReady.web!);

    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto(uiReady.web!);
    await completeSetup(page, 'Alice Martin');

    // Contacts: add Bob; he is asked to share his status and allows it.
    await page.getByRole('button', { name: /^Contacts/ }).click();
    await page.getByText(/No contacts yet/).waitFor();
    await shot(page, 'contacts-empty.png');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('SIP address').fill(bobUri);
    await page.getByLabel('Name', { exact: true }).fill('Bob Stone');
    await shot(page, 'contacts-add.png');
    await page.getByRole('button', { name: 'Save' }).click();
    const bobRow = page.getByRole('listitem', { name: 'Bob Stone' });
    await bobRow.waitFor();
    await bob.next<Contact[]>('contacts:changed', (list) => list.some((c) => c.uri === aliceUri && c.authorization === 'pending'));
    await bob.call('contacts:accept-watcher', { uri: aliceUri });
    const presence = bobRow.getByTestId('contact-presence');
    await expect.poll(() => presence.textContent(), { timeout: 15_000 }).toBe('Available');

    // Bob changes his status: Alice sees it live.
    await bob.call('presence:set-status', { status: 'away', note: 'Back at 3' });
    await expect.poll(() => presence.textContent(), { timeout: 15_000 }).toBe('Away — Back at 3');

    // Someone new watches Alice's presence: a request appears and she allows it.
    const watcher = startCli(['presence', aliceUri, '--listen', 'udp:127.0.0.1:0', '--user', 'carol', '--json', '--data', path.join(scratch, 'carol')]);
    const requests = page.getByTestId('watcher-requests');
    await requests.waitFor({ timeout: 15_000 });
    expect(await requests.textContent()).toContain('carol wants to see your status');
    await shot(page, 'contacts-presence.png');
    await requests.getByRole('button', { name: /^Allow/ }).click();
    await requests.waitFor({ state: 'detached' });
    await page.getByRole('listitem', { name: 'carol' }).waitFor();
    await watcher.waitFor('presence:buddy-changed', (e) => (e.data as { status?: string } | undefined)?.status === 'available', 15_000);
    watcher.child.kill('SIGTERM');

    // Messages: Alice writes from Bob's contact; Enter sends and the state ends delivered.
    await bobRow.getByRole('button', { name: 'Message Bob Stone' }).click();
    const composer = page.getByLabel('Message Bob Stone');
    await composer.waitFor();
    await composer.fill('Hello Bob, lunch today?');
    await composer.press('Enter');
    const mine = page.getByTestId('message').filter({ hasText: 'Hello Bob, lunch today?' });
    await expect.poll(() => mine.getByTestId('delivery-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('delivered');
    const received = await bob.next<ChatMessage>('chat:message-received', (m) => m.body === 'Hello Bob, lunch today?');
    expect(received.peer).toBe(aliceUri);

    // Bob types (RFC 3994) and answers.
    await bob.call('chat:typing', { to: aliceUri, active: true });
    await expect.poll(() => page.getByTestId('typing').textContent(), { timeout: 10_000 }).toBe('Bob Stone is typing…');
    await shot(page, 'chat-typing.png');
    const sent = await bob.call<ChatMessage>('chat:send', { to: aliceUri, body: 'Sure, 12:30 at the usual place.' });
    expect(sent.state).toBe('delivered');
    await page.getByTestId('message').filter({ hasText: '12:30 at the usual place' }).waitFor();
    await expect.poll(() => page.getByTestId('typing').textContent()).toBe('');
    // Read on screen: no unread count is left.
    await expect.poll(() => page.getByTestId('unread').count()).toBe(0);
    await shot(page, 'chat-conversation.png');
    await dark(page, true);
    await shot(page, 'chat-conversation-dark.png');
    await dark(page, false);

    // A message while Alice looks elsewhere counts as unread in the sidebar.
    await page.getByRole('button', { name: /^History/ }).click();
    await bob.call('chat:send', { to: aliceUri, body: 'Are you coming?' });
    await expect.poll(() => page.getByTestId('badge-chat').textContent(), { timeout: 10_000 }).toContain('1 unread message');

    // Voicemail on for Alice: Bob calls, nobody answers, he leaves a message.
    await aliceEngine.call('settings:update', { voicemail: { enabled: true, noAnswerSeconds: 3, whenBusy: true, maxSeconds: 20, silenceSeconds: 10 } });
    // The caller speaks (a tone) after the greeting and the beep, then hangs up.
    const caller = startCli(['call', aliceUri, '--play', 'tone:440', '--duration', '6', '--listen', 'udp:127.0.0.1:0', '--user', 'dave', '--json', '--data', path.join(scratch, 'dave')]);
    await page.getByTestId('incoming-call').waitFor({ timeout: 15_000 });
    await page.getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await caller.exited).toBe(0);
    const left = await aliceEngine.next<VoicemailEntry>('voicemail:new', () => true, 20_000);
    expect(left.durationMs).toBeGreaterThan(1000);
    await expect.poll(() => page.getByTestId('badge-voicemail').textContent(), { timeout: 10_000 }).toContain('1 new voicemail');

    // A missed call: Bob gives up while it rings (voicemail off again).
    await aliceEngine.call('settings:update', { voicemail: { enabled: false, noAnswerSeconds: 20, whenBusy: true, maxSeconds: 120, silenceSeconds: 10 } });
    const missed = await bob.call<{ id: string }>('calls:dial', { target: aliceUri });
    await page.getByTestId('incoming-call').waitFor({ timeout: 15_000 });
    await bob.call('calls:hangup', { callId: missed.id });
    await page.getByTestId('incoming-call').waitFor({ state: 'detached' });
    await aliceEngine.next<HistoryEntry>('history:added', (h) => h.outcome === 'missed');

    // History: the missed call is highlighted; the filter keeps only missed calls.
    await page.getByRole('button', { name: /^History/ }).click();
    const rows = page.getByTestId('history-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await rows.first().getAttribute('data-outcome')).toBe('missed');
    await shot(page, 'history.png');
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Missed' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await shot(page, 'history-missed.png');
    await dark(page, true);
    await shot(page, 'history-dark.png');
    await dark(page, false);

    // Voicemail: play it; the waveform and the position move.
    await page.getByRole('button', { name: /^Voicemail/ }).click();
    await page.getByTestId('voicemail-row').first().waitFor();
    await shot(page, 'voicemail-inbox.png');
    await page.getByRole('button', { name: /^Play the message from/ }).click();
    const player = page.getByTestId('voicemail-player');
    await player.waitFor();
    expect(await player.getByTestId('waveform').locator('rect').count()).toBe(72);
    const slider = player.getByRole('slider');
    await expect.poll(async () => Number(await slider.inputValue()), { timeout: 10_000 }).toBeGreaterThan(0);
    await shot(page, 'voicemail-playing.png');
    await dark(page, true);
    await shot(page, 'voicemail-playing-dark.png');
    await dark(page, false);
    // Played to the end: heard.
    await expect.poll(() => page.getByTestId('unheard').count(), { timeout: 30_000 }).toBe(0);

    // Messages list with its unread count, light and dark.
    await page.getByRole('button', { name: /^Messages/ }).click();
    await page.getByTestId('message').filter({ hasText: 'Are you coming?' }).waitFor();
    await shot(page, 'chat-list.png');

    await page.getByRole('button', { name: /^Contacts/ }).click();
    await dark(page, true);
    await shot(page, 'contacts-dark.png');

    bob.close();
    aliceEngine.close();
    await page.close();
    for (const p of [ui, peer]) p.child.kill('SIGTERM');
    await Promise.all([ui.exited, peer.exited]);
  });
});
