import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SettingsScreen from '../../renderer/src/screens/settings-screen.svelte';
import { SettingsModel } from '../../renderer/src/state/settings-model.svelte';
import { defaultSettings } from '../../shared/ipc';
import { fakeApi } from './fake-api';

afterEach(cleanup);

async function show(fake = fakeApi()) {
  const model = new SettingsModel(fake.api);
  model.start();
  render(SettingsScreen, { props: { model } });
  await screen.findByLabelText('Display name');
  return { ...fake, model };
}

describe('settings: when you cannot answer', () => {
  it('turns do not disturb on and picks what callers get', async () => {
    const { api } = await show();
    const dnd = screen.getByRole('switch', { name: 'Do not disturb' });
    expect(dnd.getAttribute('aria-checked')).toBe('false');
    expect(screen.queryByText('Callers get')).toBeNull();
    await fireEvent.click(dnd);
    await waitFor(() => expect(api.settings.update).toHaveBeenCalledWith({ dnd: { enabled: true, action: 'busy' } }));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Do not disturb' }).getAttribute('aria-checked')).toBe('true'));
    await fireEvent.click(screen.getByRole('radio', { name: 'Voicemail' }));
    await waitFor(() => expect(api.settings.update).toHaveBeenLastCalledWith({ dnd: { enabled: true, action: 'voicemail' } }));
  });

  it('turns voicemail on with its ring time', async () => {
    const { api } = await show();
    await fireEvent.click(screen.getByRole('switch', { name: 'Voicemail' }));
    await waitFor(() => expect(api.settings.update).toHaveBeenCalledWith({ voicemail: { ...defaultSettings.voicemail, enabled: true } }));
    await fireEvent.click(await screen.findByRole('radio', { name: '30 seconds' }));
    await waitFor(() => expect(api.settings.update).toHaveBeenLastCalledWith({ voicemail: { ...defaultSettings.voicemail, enabled: true, noAnswerSeconds: 30 } }));
  });

  it('forwards every call to an address, empty turns it off, and a refusal shows on the field', async () => {
    const fake = fakeApi({ refuse: (p) => (p.forwarding?.always === 'nowhere' ? 'Invalid payload for settings:update at forwarding.always: is not a SIP address' : undefined) });
    const { api } = await show(fake);
    const field = screen.getByLabelText('Forward every call to');
    await fireEvent.input(field, { target: { value: 'sip:desk@example.com' } });
    await fireEvent.change(field);
    await waitFor(() => expect(api.settings.update).toHaveBeenCalledWith({ forwarding: { ...defaultSettings.forwarding, always: 'sip:desk@example.com' } }));
    await fireEvent.input(field, { target: { value: 'nowhere' } });
    await fireEvent.change(field);
    expect((await screen.findByRole('alert')).textContent).toContain('is not a SIP address');
    await fireEvent.input(field, { target: { value: '' } });
    await fireEvent.change(field);
    await waitFor(() => expect(api.settings.update).toHaveBeenLastCalledWith({ forwarding: { ...defaultSettings.forwarding, always: null } }));
  });
});
