import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SettingsScreen from '../../renderer/src/screens/settings-screen.svelte';
import { SettingsModel } from '../../renderer/src/state/settings-model.svelte';
import { defaultSettings } from '../../shared/ipc';
import { fakeApi } from './fake-api';

afterEach(cleanup);

async function show(fake: ReturnType<typeof fakeApi>) {
  const model = new SettingsModel(fake.api);
  model.start();
  render(SettingsScreen, { props: { model } });
  await screen.findByLabelText('Display name');
  return model;
}

describe('settings screen', () => {
  it('shows the current settings', async () => {
    await show(fakeApi({ settings: { ...defaultSettings, displayName: 'Alice', theme: 'dark', nat: { ice: true, stunServers: ['stun.example.org:3478'] }, autoUpdate: false } }));
    expect((screen.getByLabelText('Display name') as HTMLInputElement).value).toBe('Alice');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /Encrypt when possible/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('stun.example.org:3478')).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Install updates automatically' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('switch', { name: 'Start LiteSIP when you log in' }).getAttribute('aria-checked')).toBe('false');
  });

  it('saves the display name when it is committed', async () => {
    const fake = fakeApi();
    await show(fake);
    const input = screen.getByLabelText('Display name') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'Alice Martin' } });
    await fireEvent.change(input);
    expect(fake.api.settings.update).toHaveBeenCalledWith({ displayName: 'Alice Martin' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
  });

  it('shows an engine error next to its field and keeps what was typed', async () => {
    const fake = fakeApi({ refuse: (p) => (p.displayName !== undefined ? 'Invalid payload for settings:update at displayName: Too big' : undefined) });
    await show(fake);
    const input = screen.getByLabelText('Display name') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'x'.repeat(70) } });
    await fireEvent.change(input);
    const error = await screen.findByText(/at displayName: Too big/);
    expect(error.id).toBe('display-name-error');
    expect(input.getAttribute('aria-describedby')).toContain('display-name-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('x'.repeat(70));
  });

  it('saves theme, encryption and toggles at once', async () => {
    const fake = fakeApi();
    await show(fake);
    await fireEvent.click(screen.getByRole('radio', { name: 'Light' }));
    await fireEvent.click(screen.getByRole('radio', { name: /DTLS-SRTP/ }));
    await fireEvent.click(screen.getByRole('switch', { name: 'Start LiteSIP when you log in' }));
    expect(fake.api.settings.update.mock.calls.map(([p]) => p)).toEqual([{ theme: 'light' }, { srtpMode: 'dtls' }, { startAtLogin: true }]);
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Start LiteSIP when you log in' }).getAttribute('aria-checked')).toBe('true'));
  });

  it('checks STUN addresses before saving, and adds and removes them', async () => {
    const fake = fakeApi();
    await show(fake);
    const input = screen.getByLabelText('STUN servers') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'not a server' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(fake.api.settings.update).not.toHaveBeenCalled();
    expect((await screen.findByRole('alert')).textContent).toContain('host name and port');

    await fireEvent.input(input, { target: { value: 'stun.example.org:3478' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ nat: { stunServers: ['stun.example.org:3478'] } });
    await screen.findByText('stun.example.org:3478');
    expect(screen.queryByRole('alert')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Remove stun.example.org:3478' }));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ nat: { stunServers: [] } });
  });
});
