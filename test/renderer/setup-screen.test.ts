import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/api/connection';
import App from '../../renderer/src/app.svelte';
import { createModels } from '../../renderer/src/state/models';
import { defaultSettings, fail, type AccountInfo, type Settings } from '../../shared/ipc';
import { fakeApi, runningStatus } from './fake-api';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '#');
});

function show(options: { settings?: Settings; accounts?: AccountInfo[] } = {}) {
  const fake = fakeApi(options);
  render(App, { props: { models: createModels(fake.api), link: alwaysOpen } });
  return fake;
}

const account: AccountInfo = { id: 1, aor: 'sip:alice@example.com', displayName: '', username: '', enabled: true, hasPassword: true, createdAt: 0, updatedAt: 0 };

describe('first-run setup', () => {
  it('is shown when there is neither an account nor a name, with the account choice first', async () => {
    show();
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to LiteSIP' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.getByRole('radio', { name: /Use a SIP account/ }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByLabelText('Server')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
  });

  it('is not shown once an account or a name exists', async () => {
    show({ accounts: [account] });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
    cleanup();
    show({ settings: { ...defaultSettings, displayName: 'Alice' } });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('checks the fields before asking the engine, and says what to fix', async () => {
    const { api } = show();
    await fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    expect(api.accounts.add).not.toHaveBeenCalled();
    const server = screen.getByLabelText('Server');
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('setup-server-error')?.textContent).toBe('Fill in this field.');
    expect(document.activeElement).toBe(server);
    await fireEvent.input(server, { target: { value: 'bad host!' } });
    await fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(document.getElementById('setup-server-error')?.textContent).toContain('Enter a domain');
    expect(screen.getByLabelText('User name').getAttribute('aria-invalid')).toBeNull();
  });

  it('adds the account (a port goes to the proxy), shows the registration, then opens the app', async () => {
    const { api, emit } = show();
    await fireEvent.input(await screen.findByLabelText('Server'), { target: { value: 'example.com:5070' } });
    await fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Alice Martin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await waitFor(() =>
      expect(api.accounts.add).toHaveBeenCalledWith({ aor: 'sip:alice@example.com', password: 'secret', displayName: 'Alice Martin', proxy: 'sip:example.com:5070' }),
    );
    expect(api.settings.update).toHaveBeenCalledWith({ displayName: 'Alice Martin' });
    const ready = await screen.findByTestId('setup-ready');
    expect(ready.textContent).toContain('Signing in to your server…');
    emit('app:status', { ...runningStatus, registrations: [{ aor: 'sip:alice@example.com', state: 'failed', reason: '403 Forbidden' }] });
    await waitFor(() => expect(ready.textContent).toContain('403 Forbidden'));
    emit('app:status', { ...runningStatus, registrations: [{ aor: 'sip:alice@example.com', state: 'registered', expires: 600 }] });
    await waitFor(() => expect(ready.textContent).toContain('Signed in.'));
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('shows the engine’s refusal of an account', async () => {
    const { api } = show();
    api.accounts.add.mockResolvedValueOnce(fail('exists', 'An account for sip:alice@example.com already exists.'));
    await fireEvent.input(await screen.findByLabelText('Server'), { target: { value: 'example.com' } });
    await fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect((await screen.findByRole('alert')).textContent).toContain('already exists');
  });

  it('serverless: a name is enough; the own address is shown to share', async () => {
    const { api } = show();
    await fireEvent.click(await screen.findByRole('radio', { name: /Start without a server/ }));
    expect(screen.queryByLabelText('Server')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Start LiteSIP' }));
    expect(screen.getByLabelText('Your name').getAttribute('aria-invalid')).toBe('true');
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Alice' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start LiteSIP' }));
    expect((await screen.findByTestId('own-address')).textContent).toBe(runningStatus.identity);
    expect(api.settings.update).toHaveBeenCalledWith({ displayName: 'Alice' });
    expect(api.accounts.add).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
  });
});
