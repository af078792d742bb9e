import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import HistoryScreen from '../../renderer/src/screens/history-screen.svelte';
import { ContactsModel } from '../../renderer/src/state/contacts-model.svelte';
import { HistoryModel } from '../../renderer/src/state/history-model.svelte';
import type { HistoryEntry } from '../../shared/ipc';
import { contact, fakeApi, historyEntry } from './fake-api';

afterEach(cleanup);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

async function show(history: HistoryEntry[]) {
  const fake = fakeApi({ history, contacts: [contact('sip:bob@192.0.2.20:5060', { displayName: 'Bob Stone' })] });
  const model = new HistoryModel(fake.api, memoryStorage());
  const contacts = new ContactsModel(fake.api);
  model.start();
  contacts.start();
  const oncall = vi.fn();
  render(HistoryScreen, { props: { model, contacts, oncall } });
  await waitFor(() => expect(model.loaded && contacts.loaded).toBe(true));
  return { ...fake, model, oncall };
}

const rows = () => screen.queryAllByTestId('history-row');

describe('history screen', () => {
  it('empty', async () => {
    await show([]);
    expect(screen.getByRole('heading', { level: 1, name: 'History' })).toBeTruthy();
    expect(screen.getByText('No calls yet.')).toBeTruthy();
  });

  it('lists calls newest first; a missed call is highlighted and labelled', async () => {
    await show([
      historyEntry({ id: 1, outcome: 'answered' }),
      historyEntry({ id: 2, peer: 'sip:carol@192.0.2.30', outcome: 'missed', answeredAt: undefined }),
      historyEntry({ id: 3, direction: 'outgoing', peer: 'sip:dave@192.0.2.40', outcome: 'busy', answeredAt: undefined, sipStatus: 486 }),
    ]);
    expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['answered', 'missed', 'busy']);
    expect(rows()[0]!.textContent).toContain('Bob Stone');
    expect(rows()[0]!.textContent).toContain('Incoming · 1:00');
    expect(rows()[1]!.classList.contains('missed')).toBe(true);
    expect(rows()[1]!.getAttribute('aria-label')).toMatch(/^carol, Missed, /);
    expect(rows()[2]!.textContent).toContain('Busy · SIP 486');
  });

  it('filters missed calls', async () => {
    await show([historyEntry({ id: 1 }), historyEntry({ id: 2, outcome: 'missed', answeredAt: undefined })]);
    const filter = screen.getByRole('group', { name: 'Show' });
    await fireEvent.click(within(filter).getByRole('button', { name: 'Missed' }));
    expect(within(filter).getByRole('button', { name: 'Missed' }).getAttribute('aria-pressed')).toBe('true');
    expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['missed']);
    await fireEvent.click(within(filter).getByRole('button', { name: 'All calls' }));
    expect(rows()).toHaveLength(2);
  });

  it('calls back', async () => {
    const { oncall } = await show([historyEntry({ id: 1, outcome: 'missed', answeredAt: undefined })]);
    await fireEvent.click(screen.getByRole('button', { name: 'Call Bob Stone back' }));
    expect(oncall).toHaveBeenCalledWith('sip:bob@192.0.2.20:5060');
  });

  it('a new ended call appears at the top live', async () => {
    const { emit } = await show([historyEntry({ id: 1 })]);
    emit('history:added', historyEntry({ id: 9, peer: 'sip:erin@192.0.2.50', outcome: 'missed', answeredAt: undefined, startedAt: Date.now() }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]!.textContent).toContain('erin');
  });

  it('pages to older calls', async () => {
    const many = Array.from({ length: 60 }, (_, i) => historyEntry({ id: i + 1 }));
    const { api } = await show(many);
    expect(rows()).toHaveLength(50);
    await fireEvent.click(screen.getByRole('button', { name: 'Show older calls' }));
    await waitFor(() => expect(rows()).toHaveLength(60));
    expect(api.history.list).toHaveBeenLastCalledWith({ before: expect.stringMatching(/^\d+\.50$/), limit: 50 });
    expect(screen.queryByRole('button', { name: 'Show older calls' })).toBeNull();
  }, 20_000);

  it('deletes one call, and clears all after a confirmation', async () => {
    const { api } = await show([historyEntry({ id: 1 }), historyEntry({ id: 2, peer: 'sip:carol@192.0.2.30' })]);
    await fireEvent.click(screen.getByRole('button', { name: /^Delete the call with carol/ }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.history.delete).toHaveBeenCalledWith({ id: 2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    const confirm = screen.getByRole('group', { name: 'Delete every call from your history?' });
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' })));
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(screen.getByText('No calls yet.')).toBeTruthy());
    expect(api.history.clear).toHaveBeenCalled();
  });

  it('counts missed calls newer than the last look', async () => {
    const fake = fakeApi({ history: [historyEntry({ id: 1, outcome: 'missed', answeredAt: undefined, endedAt: 1000 })] });
    const storage = memoryStorage();
    storage.setItem('litesip.history.seen', '500');
    const model = new HistoryModel(fake.api, storage);
    model.start();
    await waitFor(() => expect(model.newMissed).toBe(1));
    model.setViewing(true);
    expect(model.newMissed).toBe(0);
    expect(Number(storage.data.get('litesip.history.seen'))).toBeGreaterThan(1000);
  });
});
