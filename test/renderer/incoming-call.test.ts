import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/api/connection';
import App from '../../renderer/src/app.svelte';
import { CallsModel } from '../../renderer/src/state/calls-model.svelte';
import { createModels } from '../../renderer/src/state/models';
import { defaultSettings, type CallInfo } from '../../shared/ipc';
import { callInfo, fakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '#');
});

async function show(calls: CallInfo[] = []) {
  const fake = fakeApi({ calls, settings: { ...defaultSettings, displayName: 'Alice' } });
  const model = new CallsModel(fake.api);
  render(App, { props: { models: { ...createModels(fake.api), calls: model }, link: alwaysOpen } });
  await waitFor(() => expect(model.calls).toHaveLength(calls.length));
  return fake;
}

// jsdom does not reflect `inert` as an attribute; the property is what Svelte sets.
const shellInert = () => Boolean((document.querySelector('.shell') as HTMLElement & { inert?: boolean }).inert);

const ringingIn = (fields: Partial<CallInfo> = {}) =>
  callInfo({ id: 'in-1', direction: 'incoming', state: 'incoming', peer: 'sip:erin@192.0.2.50:5062', peerName: 'Erin Holt', ...fields });

describe('incoming calls', () => {
  it('incoming: a modal alert over any screen with the caller, Answer focused, shortcuts documented', async () => {
    const { engine } = await show();
    engine.add(ringingIn());
    flushSync();
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('Incoming call');
    expect(dialog.textContent).toContain('Erin Holt');
    expect(dialog.textContent).toContain('erin@192.0.2.50:5062');
    const answer = within(dialog).getByRole('button', { name: /Answer/ });
    const decline = within(dialog).getByRole('button', { name: /Decline/ });
    expect(answer.getAttribute('aria-keyshortcuts')).toBe('Control+Enter');
    expect(decline.getAttribute('aria-keyshortcuts')).toBe('Escape');
    expect(document.activeElement).toBe(answer);
    // The rest of the app is out of reach while it rings.
    expect(shellInert()).toBe(true);
    await fireEvent.keyDown(answer, { key: 'Tab' });
    expect(document.activeElement).toBe(decline);
  });

  it('Ctrl+Enter answers and opens the call', async () => {
    const { api, engine } = await show();
    engine.add(ringingIn());
    flushSync();
    await fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    expect(api.calls.answer).toHaveBeenCalledWith({ callId: 'in-1' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await screen.findByTestId('active-call')).toBeTruthy();
    expect(screen.getByTestId('call-peer').textContent).toBe('Erin Holt');
    expect(screen.getByTestId('call-state').textContent).toContain('Connected');
    expect(screen.getByRole('button', { name: /^Calls/ }).getAttribute('aria-current')).toBe('page');
  });

  it('Escape declines', async () => {
    const { api, engine } = await show();
    engine.add(ringingIn());
    flushSync();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(api.calls.decline).toHaveBeenCalledWith({ callId: 'in-1' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('goes away when the caller gives up, leaving a missed call', async () => {
    const { engine } = await show();
    engine.add(ringingIn());
    flushSync();
    engine.change('in-1', { state: 'ended', endedAt: Date.now(), endReason: 'the caller hung up before the answer', endStatus: 487 });
    flushSync();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Calls' }));
    expect(screen.getByRole('list', { name: 'Your calls' }).textContent).toContain('Missed call');
  });

  it('call waiting: a non-modal alert during a call; answering holds the call in progress', async () => {
    const { api, engine } = await show([callInfo({ state: 'connected', answeredAt: Date.now(), peerName: 'Bob Stone' })]);
    await fireEvent.click(screen.getByRole('button', { name: /^Calls/ }));
    await screen.findByTestId('active-call');
    engine.add(ringingIn());
    flushSync();
    const waiting = screen.getByTestId('call-waiting');
    expect(waiting.getAttribute('role')).toBe('alertdialog');
    expect(waiting.getAttribute('aria-modal')).toBeNull();
    expect(waiting.textContent).toContain('Call waiting');
    expect(shellInert()).toBe(false);
    await fireEvent.click(within(waiting).getByRole('button', { name: /Hold and answer/ }));
    await waitFor(() => expect(api.calls.answer).toHaveBeenCalledWith({ callId: 'in-1' }));
    expect(api.calls.hold).toHaveBeenCalledWith({ callId: 'call-1' });
    await waitFor(() => expect(screen.getByTestId('call-peer').textContent).toBe('Erin Holt'));
    const list = screen.getByRole('list', { name: 'Your calls' });
    expect(within(list).getByRole('button', { name: 'Switch to Bob Stone' }).textContent).toContain('On hold');
  });

  it('shows a failed answer where it happened', async () => {
    const { api, engine } = await show();
    api.calls.answer.mockResolvedValueOnce({ ok: false, error: { code: 'bad-state', message: 'Only a ringing incoming call can be answered' } });
    engine.add(ringingIn());
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: /Answer/ }));
    await waitFor(() => expect(screen.getByTestId('incoming-call').textContent).toContain('Only a ringing incoming call can be answered'));
  });

  it('the sidebar counts calls in progress', async () => {
    await show([callInfo({ state: 'connected', answeredAt: Date.now() })]);
    await waitFor(() => expect(screen.getByRole('button', { name: /^Calls/ }).textContent).toContain('1 call in progress'));
  });
});
