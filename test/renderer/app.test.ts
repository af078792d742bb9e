import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/api/connection';
import App from '../../renderer/src/app.svelte';
import { createModels } from '../../renderer/src/state/models';
import { defaultSettings } from '../../shared/ipc';
import { callInfo, contact, fakeApi, historyEntry, message, voicemailEntry } from './fake-api';

afterEach(cleanup);

const named = { ...defaultSettings, displayName: 'Alice' };

function show(fake = fakeApi({ settings: named })) {
  render(App, { props: { models: createModels(fake.api), link: alwaysOpen } });
  return fake;
}

describe('app shell', () => {
  it('offers only the areas that work, in a labelled navigation', async () => {
    show();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const items = [...nav.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(items).toEqual(['Calls', 'Contacts', 'Messages', 'History', 'Voicemail', 'Status', 'Settings']);
    expect(screen.getByRole('button', { name: 'Status' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByTestId('sidebar-status')).toHaveProperty('textContent', expect.stringContaining('Running'));
  });

  it('moves between areas with the arrow keys and opens one with Enter', async () => {
    show();
    const status = screen.getByRole('button', { name: 'Status' });
    const settings = screen.getByRole('button', { name: 'Settings' });
    expect(status.tabIndex).toBe(0);
    expect(settings.tabIndex).toBe(-1);
    status.focus();
    await fireEvent.keyDown(status, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(settings);
    await fireEvent.keyDown(settings, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Calls' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Contacts' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(settings);
    await fireEvent.click(settings);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Settings' })));
  });

  it('applies the theme live when the setting changes', async () => {
    const fake = show(fakeApi({ settings: { ...named, theme: 'dark' } }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    fake.emit('settings:changed', { ...defaultSettings, theme: 'light' });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });
});

/** The first calls:list has answered (a call added before it would read as gone). */
async function loaded(fake: ReturnType<typeof fakeApi>): Promise<void> {
  await waitFor(() => expect(fake.api.calls.list).toHaveBeenCalled());
  await fake.api.calls.list.mock.results[0]!.value;
  await new Promise((r) => setTimeout(r, 0));
}

describe('app shell: calls from elsewhere and counts', () => {
  beforeEach(() => history.replaceState(null, '', '#'));

  it('a call placed or answered outside the window (a link, a notification) brings the Calls screen', async () => {
    const fake = show();
    await screen.findByRole('heading', { level: 1, name: 'Status' });
    await loaded(fake);
    fake.engine.add(callInfo({ id: 'link-1', state: 'dialing', peer: 'sip:carol@192.0.2.30' }));
    expect(await screen.findByTestId('call-state')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Calls/ }).getAttribute('aria-current')).toBe('page');
  });

  it('a call the endpoint’s voicemail took does not ring or show as a call', async () => {
    const fake = show();
    await screen.findByRole('heading', { level: 1, name: 'Status' });
    await loaded(fake);
    fake.engine.add(callInfo({ id: 'in-1', direction: 'incoming', state: 'incoming' }));
    expect(await screen.findByRole('alertdialog')).toBeTruthy();
    fake.engine.change('in-1', { state: 'connected', answeredAt: Date.now(), voicemail: true });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });

  it('counts unread messages, missed calls, requests and new voicemail in the sidebar', async () => {
    const fake = show(
      fakeApi({
        settings: named,
        messages: [message({ id: 1, peer: 'sip:bob@192.0.2.20' }), message({ id: 2, peer: 'sip:bob@192.0.2.20' })],
        contacts: [contact('sip:eve@192.0.2.50', { buddy: false, authorization: 'pending' })],
        voicemail: [voicemailEntry({ id: 1 })],
      }),
    );
    await waitFor(() => expect(screen.getByTestId('badge-chat').textContent).toContain('2 unread messages'));
    expect(screen.getByTestId('badge-contacts').textContent).toContain('1 request to see your status');
    expect(screen.getByTestId('badge-voicemail').textContent).toContain('1 new voicemail');
    fake.emit('history:added', historyEntry({ id: 5, outcome: 'missed', answeredAt: undefined, endedAt: Date.now() + 60_000 }));
    await waitFor(() => expect(screen.getByTestId('badge-history').textContent).toContain('1 missed call'));
    await fireEvent.click(screen.getByRole('button', { name: /^History/ }));
    await waitFor(() => expect(screen.queryByTestId('badge-history')).toBeNull());
  });

  it('Call from Contacts dials and shows the Calls screen; Message opens the conversation', async () => {
    const fake = show(fakeApi({ settings: named, contacts: [contact('sip:bob@192.0.2.20', { displayName: 'Bob Stone' })] }));
    await fireEvent.click(screen.getByRole('button', { name: /^Contacts/ }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Message Bob Stone' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Bob Stone' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Messages/ }).getAttribute('aria-current')).toBe('page');
    await fireEvent.click(screen.getByRole('button', { name: 'Call Bob Stone' }));
    await waitFor(() => expect(fake.api.calls.dial).toHaveBeenCalledWith({ target: 'sip:bob@192.0.2.20' }));
    expect(await screen.findByTestId('call-state')).toBeTruthy();
  });
});
