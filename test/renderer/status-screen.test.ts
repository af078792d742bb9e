import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import StatusScreen from '../../renderer/src/screens/status-screen.svelte';
import { StatusModel } from '../../renderer/src/state/status-model.svelte';
import { fail } from '../../shared/ipc';
import { fakeApi, runningStatus } from './fake-api';

afterEach(cleanup);

function show(api: ReturnType<typeof fakeApi>['api']) {
  const model = new StatusModel(api);
  model.start();
  return render(StatusScreen, { props: { model } });
}

describe('status screen', () => {
  it('shows version, engine state, identity and listening addresses', async () => {
    const { api } = fakeApi();
    show(api);
    expect(await screen.findByTestId('engine-state')).toHaveProperty('textContent', expect.stringContaining('Running'));
    expect(screen.getByTestId('version').textContent).toBe('0.1.0');
    expect(screen.getByTestId('identity').textContent).toBe('sip:alice@192.0.2.10:5060');
    const table = screen.getByRole('table', { name: 'Listening addresses' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim()).join(' '));
    expect(rows).toEqual(['UDP 192.0.2.10 5060', 'TLS ::1 5061']);
    expect(screen.getByText(/No SIP accounts are registered/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });

  it('follows app:status events live', async () => {
    const { api, emit } = fakeApi();
    show(api);
    await screen.findByText('Running');
    emit('app:status', {
      ...runningStatus,
      engine: 'failed',
      error: 'Cannot listen on udp 192.0.2.10:5060: EADDRINUSE',
      listening: [],
      registrations: [
        { aor: 'sip:alice@example.com', state: 'registered', expires: 3600 },
        { aor: 'sip:alice@other.example', state: 'failed', reason: '403 Forbidden' },
      ],
    });
    flushSync();
    expect(screen.getByRole('alert').textContent).toContain('EADDRINUSE');
    expect(screen.getByTestId('engine-state').textContent).toContain('Failed');
    expect(screen.getByText('LiteSIP is not listening on any address.')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Registrations' });
    expect(list.textContent).toContain('sip:alice@example.com');
    expect(list.textContent).toContain('Registered');
    expect(list.textContent).toContain('403 Forbidden');
  });

  it('says why when the status cannot be read', async () => {
    const { api } = fakeApi();
    api.app.getStatus.mockResolvedValue(fail('disconnected', 'Not connected to LiteSIP.'));
    show(api);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not connected to LiteSIP.'));
  });
});
