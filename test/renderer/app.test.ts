import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/api/connection';
import App from '../../renderer/src/app.svelte';
import { createModels } from '../../renderer/src/state/models';
import { defaultSettings } from '../../shared/ipc';
import { fakeApi } from './fake-api';

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
