import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ContactsScreen from '../../renderer/src/screens/contacts-screen.svelte';
import { ContactsModel } from '../../renderer/src/state/contacts-model.svelte';
import { fail, type BuddyPresence, type Contact } from '../../shared/ipc';
import { contact, fakeApi } from './fake-api';

afterEach(cleanup);

const bob = contact('sip:bob@192.0.2.20', { displayName: 'Bob Stone' });
const carol = contact('sip:carol@192.0.2.30');

async function show(contacts: Contact[] = [bob, carol], buddies: BuddyPresence[] = []) {
  const fake = fakeApi({ contacts, buddies });
  const model = new ContactsModel(fake.api);
  model.start();
  const oncall = vi.fn();
  const onchat = vi.fn();
  render(ContactsScreen, { props: { model, oncall, onchat } });
  await waitFor(() => expect(model.loaded).toBe(true));
  return { ...fake, model, oncall, onchat };
}

const rowOf = (name: string): HTMLElement => screen.getByRole('listitem', { name });

describe('contacts screen', () => {
  it('empty: says how to start and offers to add someone', async () => {
    await show([]);
    expect(screen.getByRole('heading', { level: 1, name: 'Contacts' })).toBeTruthy();
    expect(screen.getByText(/No contacts yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add contact' })).toBeTruthy();
  });

  it('lists contacts by name with live presence from presence events', async () => {
    const { emit } = await show([bob, carol], [{ uri: bob.uri, status: 'away', note: 'lunch', subscription: 'active' }]);
    const rows = screen.getAllByTestId('contact-row');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['Bob Stone', 'carol']);
    expect(within(rowOf('Bob Stone')).getByTestId('contact-presence').textContent).toBe('Away — lunch');
    expect(within(rowOf('carol')).getByTestId('contact-presence').textContent).toBe('Waiting for their status');
    emit('presence:buddy-changed', { uri: carol.uri, status: 'available', note: '', subscription: 'active' });
    await waitFor(() => expect(within(rowOf('carol')).getByTestId('contact-presence').textContent).toBe('Available'));
    emit('presence:buddy-changed', { uri: bob.uri, status: 'offline', note: '', subscription: 'terminated' });
    await waitFor(() => expect(within(rowOf('Bob Stone')).getByTestId('contact-presence').textContent).toBe('Does not share their status'));
  });

  it('adds a contact; the engine’s refusal shows next to the address field', async () => {
    const { api } = await show([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    const field = screen.getByLabelText('SIP address') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field));
    await fireEvent.input(field, { target: { value: 'sip:nobody' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByRole('alert');
    expect(error.textContent).toContain('is not a SIP address');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.input(field, { target: { value: 'dave@192.0.2.40' } });
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Dave' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.contacts.add).toHaveBeenLastCalledWith({ uri: 'sip:dave@192.0.2.40', displayName: 'Dave' }));
    expect(await screen.findByRole('listitem', { name: 'Dave' })).toBeTruthy();
    expect(screen.queryByLabelText('SIP address')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add contact' })));
  });

  it('renames inline with Enter, and Escape cancels', async () => {
    const { api } = await show();
    await fireEvent.click(within(rowOf('carol')).getByRole('button', { name: 'Rename carol' }));
    const input = await waitFor(() => within(rowOf('carol')).getByLabelText('Name') as HTMLInputElement);
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(within(rowOf('carol')).queryByLabelText('Name')).toBeNull();
    await fireEvent.click(within(rowOf('carol')).getByRole('button', { name: 'Rename carol' }));
    const again = await waitFor(() => within(rowOf('carol')).getByLabelText('Name') as HTMLInputElement);
    await fireEvent.input(again, { target: { value: 'Carol King' } });
    await fireEvent.submit(again.form!);
    await waitFor(() => expect(api.contacts.rename).toHaveBeenCalledWith({ uri: carol.uri, displayName: 'Carol King' }));
    expect(await screen.findByRole('listitem', { name: 'Carol King' })).toBeTruthy();
  });

  it('removes after a confirmation; a refusal is shown on the row', async () => {
    const { api } = await show();
    await fireEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'Remove Bob Stone' }));
    const confirm = within(rowOf('Bob Stone')).getByRole('group', { name: 'Remove Bob Stone from your contacts?' });
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.contacts.remove).not.toHaveBeenCalled();
    await fireEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'Remove Bob Stone' }));
    api.contacts.remove.mockResolvedValueOnce(fail('engine-stopped', 'The engine is not running; start it first.'));
    await fireEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'Remove' }));
    expect((await within(rowOf('Bob Stone')).findByRole('alert')).textContent).toContain('not running');
    await fireEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Bob Stone' })).toBeNull());
  });

  it('call and message buttons hand the address over', async () => {
    const { oncall, onchat } = await show();
    await fireEvent.click(screen.getByRole('button', { name: 'Call Bob Stone' }));
    expect(oncall).toHaveBeenCalledWith(bob.uri);
    await fireEvent.click(screen.getByRole('button', { name: 'Message carol' }));
    expect(onchat).toHaveBeenCalledWith(carol.uri);
  });

  it('a watcher request can be allowed (and followed back) or blocked', async () => {
    const { api, emit, contacts } = await show([bob]);
    expect(screen.queryByTestId('watcher-requests')).toBeNull();
    contacts.set('sip:eve@192.0.2.50', contact('sip:eve@192.0.2.50', { buddy: false, authorization: 'pending', displayName: 'Eve' }));
    contacts.set('sip:mallory@192.0.2.66', contact('sip:mallory@192.0.2.66', { buddy: false, authorization: 'pending' }));
    emit('presence:watcher-request', { uri: 'sip:eve@192.0.2.50', displayName: 'Eve' });
    const requests = await screen.findByTestId('watcher-requests');
    expect(within(requests).getByText('Eve wants to see your status')).toBeTruthy();
    await fireEvent.click(within(requests).getByRole('button', { name: 'Block mallory' }));
    expect(api.contacts.blockWatcher).toHaveBeenCalledWith({ uri: 'sip:mallory@192.0.2.66' });
    await fireEvent.click(within(requests).getByRole('button', { name: /^Allow Eve/ }));
    await waitFor(() => expect(api.contacts.add).toHaveBeenCalledWith({ uri: 'sip:eve@192.0.2.50', displayName: 'Eve' }));
    expect(api.contacts.acceptWatcher).toHaveBeenCalledWith({ uri: 'sip:eve@192.0.2.50' });
    await waitFor(() => expect(screen.queryByTestId('watcher-requests')).toBeNull());
    expect(within(rowOf('mallory')).getByText('Blocked: always sees you as offline')).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Eve' })).toBeTruthy();
  });

  it('sets my own status and note', async () => {
    const { api } = await show();
    await fireEvent.change(screen.getByLabelText('Your status'), { target: { value: 'busy' } });
    await waitFor(() => expect(api.presence.setStatus).toHaveBeenCalledWith({ status: 'busy', note: '' }));
    const note = screen.getByLabelText('Status message');
    await fireEvent.input(note, { target: { value: 'In a meeting' } });
    await fireEvent.keyDown(note, { key: 'Enter' });
    await waitFor(() => expect(api.presence.setStatus).toHaveBeenLastCalledWith({ status: 'busy', note: 'In a meeting' }));
  });

  it('filters by name or address', async () => {
    await show();
    await fireEvent.input(screen.getByLabelText('Search contacts'), { target: { value: 'stone' } });
    expect(screen.getAllByTestId('contact-row')).toHaveLength(1);
    await fireEvent.input(screen.getByLabelText('Search contacts'), { target: { value: 'zzz' } });
    expect(screen.getByText('No contact matches “zzz”.')).toBeTruthy();
  });
});
