import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SettingsScreen from '../../renderer/src/screens/settings-screen.svelte';
import { SettingsModel } from '../../renderer/src/state/settings-model.svelte';
import { defaultSettings, type NatSettings, type SettingsPatch } from '../../shared/ipc';
import { fakeApi } from './fake-api';

afterEach(cleanup);

async function show(nat: NatSettings, refuse?: (patch: SettingsPatch) => string | undefined) {
  const fake = fakeApi({ settings: { ...defaultSettings, nat }, ...(refuse ? { refuse } : {}) });
  const model = new SettingsModel(fake.api);
  model.start();
  render(SettingsScreen, { props: { model } });
  await screen.findByLabelText('TURN server');
  return fake;
}

const input = (label: string): HTMLInputElement => screen.getByLabelText(label);

describe('network settings', () => {
  it('shows ICE, the STUN servers and the TURN server, with the password write-only', async () => {
    await show({ ice: false, stunServers: ['stun.example.org:3478'], turn: { uri: 'turn:turn.example.org?transport=tcp', username: 'alice', hasPassword: true } });
    expect(screen.getByRole('switch', { name: 'Connect calls through routers (ICE)' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.getByText('stun.example.org:3478')).toBeTruthy();
    expect(input('TURN server').value).toBe('turn:turn.example.org?transport=tcp');
    expect(input('TURN username').value).toBe('alice');
    const password = input('TURN password');
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect(password.getAttribute('aria-describedby')).toBe('nat-turn-password-hint');
    expect(document.getElementById('nat-turn-password-hint')?.textContent).toMatch(/A password is saved/);
    expect(screen.getByRole('button', { name: 'Remove TURN server' })).toBeTruthy();
  });

  it('turns ICE off and on', async () => {
    const fake = await show({ ice: true, stunServers: [] });
    const ice = screen.getByRole('switch', { name: 'Connect calls through routers (ICE)' });
    await fireEvent.click(ice);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ nat: { ice: false } });
    await waitFor(() => expect(ice.getAttribute('aria-checked')).toBe('false'));
  });

  it('checks the TURN server before saving, sends the password once and then shows it saved', async () => {
    const fake = await show({ ice: true, stunServers: [] });
    expect(document.getElementById('nat-turn-password-hint')?.textContent).toMatch(/No password is saved/);
    const save = screen.getByRole('button', { name: 'Save TURN server' });
    await fireEvent.input(input('TURN server'), { target: { value: 'turns:turn.example.org' } });
    await fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toMatch(/turn:HOST/);
    await fireEvent.input(input('TURN server'), { target: { value: 'turn:turn.example.org:3478' } });
    await fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toMatch(/username/);
    await fireEvent.input(input('TURN username'), { target: { value: 'alice' } });
    await fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toMatch(/password/);
    expect(fake.api.settings.update).not.toHaveBeenCalled();

    await fireEvent.input(input('TURN password'), { target: { value: 's3cret' } });
    await fireEvent.click(save);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ nat: { turn: { uri: 'turn:turn.example.org:3478', username: 'alice', password: 's3cret' } } });
    await waitFor(() => expect(document.getElementById('nat-turn-password-hint')?.textContent).toMatch(/A password is saved/));
    expect(input('TURN password').value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();

    // a later change keeps the saved password without sending it again
    await fireEvent.input(input('TURN username'), { target: { value: 'alice2' } });
    await fireEvent.click(save);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ nat: { turn: { uri: 'turn:turn.example.org:3478', username: 'alice2' } } });

    await fireEvent.click(await screen.findByRole('button', { name: 'Remove TURN server' }));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ nat: { turn: null } });
    await waitFor(() => expect(input('TURN server').value).toBe(''));
  });

  it('shows an engine refusal next to the TURN server', async () => {
    await show({ ice: true, stunServers: [] }, (p) => (p.nat?.turn ? 'Invalid payload for settings:update at nat.turn.uri: is not turn:HOST[:PORT]' : undefined));
    await fireEvent.input(input('TURN server'), { target: { value: 'turn:turn.example.org:3479' } });
    await fireEvent.input(input('TURN username'), { target: { value: 'alice' } });
    await fireEvent.input(input('TURN password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save TURN server' }));
    const error = await screen.findByText(/at nat\.turn\.uri/);
    expect(error.id).toBe('nat-error');
    expect(input('TURN server').getAttribute('aria-invalid')).toBe('true');
  });
});
