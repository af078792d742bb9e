import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ChatScreen from '../../renderer/src/screens/chat-screen.svelte';
import { ChatModel, conversationKey } from '../../renderer/src/state/chat-model.svelte';
import { ContactsModel } from '../../renderer/src/state/contacts-model.svelte';
import type { ChatMessage } from '../../shared/ipc';
import { contact, fakeApi, message } from './fake-api';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const bob = 'sip:bob@192.0.2.20';
const carol = 'sip:carol@192.0.2.30';

async function show(messages: ChatMessage[] = []) {
  const fake = fakeApi({ messages, contacts: [contact(bob, { displayName: 'Bob Stone' })], buddies: [{ uri: bob, status: 'available', note: '', subscription: 'active' }] });
  const model = new ChatModel(fake.api);
  const contacts = new ContactsModel(fake.api);
  model.start();
  contacts.start();
  const oncall = vi.fn();
  render(ChatScreen, { props: { model, contacts, oncall } });
  await waitFor(() => expect(model.loaded && contacts.loaded).toBe(true));
  return { ...fake, model, oncall };
}

const conversation = (name: RegExp) => screen.getAllByTestId('conversation').find((b) => name.test(b.textContent ?? ''))!;

describe('chat screen', () => {
  it('empty: explains where conversations come from', async () => {
    await show();
    expect(screen.getByRole('heading', { level: 1, name: 'Messages' })).toBeTruthy();
    expect(screen.getByText('No conversations yet.')).toBeTruthy();
    expect(screen.getByText('Choose a conversation')).toBeTruthy();
  });

  it('lists conversations newest first with unread counts; opening one marks it read', async () => {
    const { api } = await show([
      message({ id: 1, peer: carol, direction: 'out', body: 'hi carol', state: 'delivered' }),
      message({ id: 2, peer: bob, body: 'are you there?' }),
      message({ id: 3, peer: bob, body: 'ping' }),
    ]);
    const items = screen.getAllByTestId('conversation');
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining('Bob Stone'), expect.stringContaining('carol')]);
    expect(within(items[0]!).getByTestId('unread').textContent).toContain('2 unread');
    expect(items[1]!.textContent).toContain('You: hi carol');
    await fireEvent.click(conversation(/Bob Stone/));
    await waitFor(() => expect(api.chat.markRead).toHaveBeenCalledWith({ peer: bob }));
    expect(within(conversation(/Bob Stone/)).queryByTestId('unread')).toBeNull();
    const thread = screen.getByRole('list', { name: 'Conversation with Bob Stone' });
    expect(within(thread).getAllByTestId('message').map((m) => m.querySelector('.bubble')?.textContent)).toEqual(['are you there?', 'ping']);
    expect(screen.getByRole('heading', { level: 2, name: 'Bob Stone' })).toBeTruthy();
    expect(screen.getByText(/Available/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Message Bob Stone')));
  });

  it('pages back through history with “Show older messages”', async () => {
    const many = Array.from({ length: 45 }, (_, i) => message({ id: i + 1, peer: bob, body: `m${i + 1}`, state: 'read' }));
    const { api } = await show(many);
    await fireEvent.click(conversation(/Bob Stone/));
    const thread = () => within(screen.getByRole('list', { name: 'Conversation with Bob Stone' })).getAllByTestId('message');
    await waitFor(() => expect(thread()).toHaveLength(30));
    expect(thread()[0]!.textContent).toContain('m16');
    await fireEvent.click(screen.getByRole('button', { name: 'Show older messages' }));
    await waitFor(() => expect(thread()).toHaveLength(45));
    expect(api.chat.list).toHaveBeenLastCalledWith({ peer: bob, beforeId: 16, limit: 30 });
    expect(thread()[0]!.textContent).toContain('m1');
    expect(screen.queryByRole('button', { name: 'Show older messages' })).toBeNull();
    expect(screen.getByText('This is the beginning of your conversation.')).toBeTruthy();
  });

  it('Enter sends; the message shows sending, then delivered; Shift+Enter does not send', async () => {
    const { api, emit } = await show([message({ id: 1, peer: bob, body: 'hello', state: 'read' })]);
    // The engine reports "sending" and answers later, once the peer's 200 OK arrived.
    let deliver: (() => void) | undefined;
    api.chat.send.mockImplementationOnce(async ({ to, body }: { to: string; body: string }) => {
      emit('chat:delivery-changed', { id: 7, peer: to, state: 'sending' });
      await new Promise<void>((r) => (deliver = r));
      emit('chat:delivery-changed', { id: 7, peer: to, state: 'delivered' });
      return { ok: true as const, value: message({ id: 7, peer: to, direction: 'out', body, state: 'delivered' }) };
    });
    await fireEvent.click(conversation(/Bob Stone/));
    const composer = screen.getByLabelText('Message Bob Stone') as HTMLTextAreaElement;
    await fireEvent.input(composer, { target: { value: 'line one' } });
    await fireEvent.keyDown(composer, { key: 'Enter', shiftKey: true });
    expect(api.chat.send).not.toHaveBeenCalled();
    await fireEvent.keyDown(composer, { key: 'Enter' });
    expect(api.chat.send).toHaveBeenCalledWith({ to: bob, body: 'line one' });
    expect(composer.value).toBe('');
    const last = () => within(screen.getByRole('list', { name: 'Conversation with Bob Stone' })).getAllByTestId('message').at(-1)!;
    await waitFor(() => expect(within(last()).getByTestId('delivery-state').textContent).toContain('Sending…'));
    deliver!();
    await waitFor(() => expect(within(last()).getByTestId('delivery-state').textContent).toContain('Delivered'));
    expect(within(screen.getByRole('list', { name: 'Conversation with Bob Stone' })).getAllByTestId('message')).toHaveLength(2);
    await waitFor(() => expect(conversation(/Bob Stone/).textContent).toContain('You: line one'));
  });

  it('a failed message says why and can be sent again', async () => {
    const { api, delivery } = await show([message({ id: 1, peer: bob, body: 'hello', state: 'read' })]);
    delivery.next = () => ({ state: 'failed', reason: '480 Temporarily Unavailable' });
    await fireEvent.click(conversation(/Bob Stone/));
    const composer = screen.getByLabelText('Message Bob Stone');
    await fireEvent.input(composer, { target: { value: 'are you there' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getAllByTestId('delivery-state').at(-1)!.textContent).toContain('Not delivered: 480 Temporarily Unavailable'));
    expect(screen.getAllByTestId('delivery-state').at(-1)!.getAttribute('data-state')).toBe('failed');
    delivery.next = () => ({ state: 'delivered' });
    await fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(api.chat.send).toHaveBeenCalledTimes(2));
    expect(api.chat.send).toHaveBeenLastCalledWith({ to: bob, body: 'are you there' });
    await waitFor(() => expect(screen.getAllByTestId('delivery-state').at(-1)!.textContent).toContain('Delivered'));
  });

  it('shows when the peer is typing, and tells the engine while we type (RFC 3994)', async () => {
    const { api, emit } = await show([message({ id: 1, peer: bob, body: 'hello', state: 'read' })]);
    await fireEvent.click(conversation(/Bob Stone/));
    emit('chat:peer-typing', { peer: bob, state: 'active' });
    await waitFor(() => expect(screen.getByTestId('typing').textContent).toBe('Bob Stone is typing…'));
    emit('chat:message-received', message({ id: 2, peer: bob, body: 'done typing' }));
    await waitFor(() => expect(screen.getByTestId('typing').textContent).toBe(''));
    // Seen while open: marked read at once, no unread badge.
    await waitFor(() => expect(api.chat.markRead).toHaveBeenCalledWith({ peer: bob }));
    expect(within(conversation(/Bob Stone/)).queryByTestId('unread')).toBeNull();

    const composer = screen.getByLabelText('Message Bob Stone');
    await fireEvent.input(composer, { target: { value: 'a' } });
    await fireEvent.input(composer, { target: { value: 'ab' } });
    expect(api.chat.typing).toHaveBeenCalledTimes(1);
    expect(api.chat.typing).toHaveBeenCalledWith({ to: bob, active: true });
    await fireEvent.input(composer, { target: { value: '' } });
    expect(api.chat.typing).toHaveBeenLastCalledWith({ to: bob, active: false });
  });

  it('a message for another conversation raises its unread count', async () => {
    const { emit } = await show([message({ id: 1, peer: bob, body: 'hello', state: 'read' })]);
    await fireEvent.click(conversation(/Bob Stone/));
    emit('chat:message-received', message({ id: 2, peer: carol, body: 'psst' }));
    await waitFor(() => expect(within(conversation(/carol/)).getByTestId('unread').textContent).toContain('1 unread'));
    expect(screen.getAllByTestId('conversation')[0]!.textContent).toContain('carol');
  });

  it('starts a conversation with a typed address, and refuses one that is not an address', async () => {
    const { model } = await show();
    const field = screen.getByLabelText('Address to message');
    await fireEvent.input(field, { target: { value: 'not an address' } });
    await fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is not a SIP address');
    await fireEvent.input(field, { target: { value: 'dave@192.0.2.40' } });
    await fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(model.openPeer).toBe('sip:dave@192.0.2.40'));
    expect(screen.getByRole('heading', { level: 2, name: 'dave' })).toBeTruthy();
  });

  it('call button in the thread hands the address over', async () => {
    const { oncall } = await show([message({ id: 1, peer: bob, body: 'hello', state: 'read' })]);
    await fireEvent.click(conversation(/Bob Stone/));
    await fireEvent.click(screen.getByRole('button', { name: 'Call Bob Stone' }));
    expect(oncall).toHaveBeenCalledWith(bob);
  });

  it('files conversations under the engine’s key', () => {
    expect(conversationKey('sip:Bob@Example.COM:5060;transport=tcp')).toBe('sip:Bob@example.com:5060');
  });
});
