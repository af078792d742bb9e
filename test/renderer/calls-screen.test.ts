import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CallsScreen from '../../renderer/src/screens/calls-screen.svelte';
import { CallsModel } from '../../renderer/src/state/calls-model.svelte';
import { fail, type CallInfo } from '../../shared/ipc';
import { callInfo, fakeApi } from './fake-api';

afterEach(cleanup);

async function show(calls: CallInfo[] = []) {
  const fake = fakeApi({ calls });
  const model = new CallsModel(fake.api);
  model.start();
  render(CallsScreen, { props: { model } });
  await waitFor(() => expect(model.calls).toHaveLength(calls.length));
  flushSync();
  return { ...fake, model };
}

const connected = (fields: Partial<CallInfo> = {}) =>
  callInfo({ state: 'connected', answeredAt: Date.now() - 65_000, codec: 'opus', encryption: 'srtp', peerName: 'Bob Stone', ...fields });

describe('calls screen: dialpad', () => {
  it('idle: an empty address field with its hint, a 12-key keypad, a call button and no recent targets', async () => {
    await show();
    expect(screen.getByRole('heading', { level: 1, name: 'Calls' })).toBeTruthy();
    const field = screen.getByLabelText('Address or number') as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.getAttribute('aria-describedby')).toBe('call-target-hint');
    expect(document.getElementById('call-target-hint')?.textContent).toContain('sip:user@host');
    const keypad = screen.getByRole('group', { name: 'Keypad' });
    expect(within(keypad).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(screen.getByRole('button', { name: 'Call' })).toBeTruthy();
    expect(screen.getByText('Addresses you call appear here.')).toBeTruthy();
  });

  it('builds the address from keys, typed digits and the erase button', async () => {
    await show();
    const field = screen.getByLabelText('Address or number') as HTMLInputElement;
    const keypad = screen.getByRole('group', { name: 'Keypad' });
    await fireEvent.click(within(keypad).getByRole('button', { name: '1' }));
    await fireEvent.click(within(keypad).getByRole('button', { name: '#' }));
    // A digit typed while a key has focus lands in the field.
    await fireEvent.keyDown(within(keypad).getByRole('button', { name: '5' }), { key: '7' });
    expect(field.value).toBe('1#7');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete last character' }));
    expect(field.value).toBe('1#');
  });

  it('shows the engine’s validation message next to the field and clears it on edit', async () => {
    const { api } = await show();
    const field = screen.getByLabelText('Address or number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'bob' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    const error = await screen.findByRole('alert');
    expect(error.textContent).toContain('is not a SIP address');
    expect(error.id).toBe('call-target-error');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('call-target-error');
    expect(field.value).toBe('bob');
    expect(api.calls.dial).toHaveBeenCalledWith({ target: 'bob' });

    await fireEvent.input(field, { target: { value: '+4930123' } });
    await fireEvent.submit(field.form!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('needs an account with a server'));
    await fireEvent.input(field, { target: { value: '+49301234' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('dialing: places the call, shows it as calling and remembers the target', async () => {
    const { api, model } = await show();
    const field = screen.getByLabelText('Address or number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'bob@192.0.2.20' } });
    await fireEvent.submit(field.form!);
    expect(api.calls.dial).toHaveBeenCalledWith({ target: 'bob@192.0.2.20' });
    expect(await screen.findByTestId('active-call')).toBeTruthy();
    expect(screen.getByTestId('call-peer').textContent).toBe('bob');
    expect(screen.getByTestId('call-address').textContent).toBe('bob@192.0.2.20');
    expect(screen.getByTestId('call-state').textContent).toContain('Calling');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull();
    expect(model.recent).toEqual(['bob@192.0.2.20']);
  });

  it('calls a recent target again with one click', async () => {
    const { api, model, engine } = await show();
    model.recent = ['sip:carol@192.0.2.30'];
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: 'Call sip:carol@192.0.2.30' }));
    expect(api.calls.dial).toHaveBeenCalledWith({ target: 'sip:carol@192.0.2.30' });
    await screen.findByTestId('active-call');
    engine.change('out-1', { state: 'ended', endReason: 'cancelled' });
  });
});

describe('calls screen: a call in progress', () => {
  it('ringing: the remote side is alerted', async () => {
    await show([callInfo({ state: 'ringing' })]);
    expect(screen.getByTestId('call-state').textContent).toContain('Ringing');
    expect(screen.queryByTestId('call-quality')).toBeNull();
  });

  it('connected: name, address, running timer, encryption, codec, quality and media path', async () => {
    const { emit } = await show([connected()]);
    expect(screen.getByTestId('call-peer').textContent).toBe('Bob Stone');
    expect(screen.getByTestId('call-state').textContent).toContain('Connected');
    expect(screen.getByTestId('call-timer').textContent).toBe('1:05');
    expect(screen.getByTestId('encryption').textContent).toContain('Encrypted');
    expect(screen.getByTestId('encryption').textContent).toContain('SRTP');
    expect(screen.getByTestId('codec').textContent).toContain('OPUS');
    expect(screen.getByTestId('call-quality').textContent).toContain('Measuring');

    emit('calls:quality', { callId: 'call-1', packetsSent: 250, packetsReceived: 248, lossPercent: 0.8, jitterMs: 3.25, rttMs: 41.6, mos: 4.3 });
    emit('calls:media-path', { callId: 'call-1', local: '192.0.2.10:40000', remote: '192.0.2.20:41000', latched: '198.51.100.7:62000', receiving: true, sending: true });
    flushSync();
    const meter = screen.getByRole('meter', { name: 'MOS' });
    expect(meter.getAttribute('aria-valuenow')).toBe('4.3');
    expect(screen.getByTestId('call-quality').textContent).toContain('Excellent');
    expect(screen.getByTestId('quality-loss').textContent).toBe('0.8 %');
    expect(screen.getByTestId('quality-jitter').textContent).toBe('3.3 ms');
    expect(screen.getByTestId('quality-rtt').textContent).toBe('42 ms');
    const path = screen.getByTestId('media-path');
    expect(path.textContent).toContain('192.0.2.10:40000');
    expect(path.textContent).toContain('192.0.2.20:41000');
    expect(path.textContent).toContain('198.51.100.7:62000');
    expect(path.textContent).not.toContain('No audio');
  });

  it('says when no audio arrives, with the engine’s diagnosis when it has one', async () => {
    const { emit } = await show([connected({ encryption: 'none' })]);
    expect(screen.getByTestId('encryption').textContent?.trim()).toBe('Not encrypted');
    emit('calls:media-path', { callId: 'call-1', local: '192.0.2.10:40000', remote: '192.0.2.20:41000', receiving: false, sending: true });
    flushSync();
    expect(screen.getByTestId('media-path').textContent).toContain('No audio is arriving');
    emit('calls:media-path', { callId: 'call-1', local: '192.0.2.10:40000', remote: '192.0.2.20:41000', receiving: false, sending: true, diagnosis: 'RTP blocked on the way in' });
    flushSync();
    expect(screen.getByTestId('media-path').textContent).toContain('RTP blocked on the way in');
  });

  it('muted: the mute button is pressed and says Unmute', async () => {
    const { api } = await show([connected()]);
    await fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    expect(api.calls.mute).toHaveBeenCalledWith({ callId: 'call-1', muted: true });
    const unmute = await screen.findByRole('button', { name: 'Unmute' });
    expect(unmute.getAttribute('aria-pressed')).toBe('true');
  });

  it('held: shows On hold and offers Resume', async () => {
    const { api } = await show([connected()]);
    await fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    expect(api.calls.hold).toHaveBeenCalledWith({ callId: 'call-1' });
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect(resume.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('call-state').textContent).toContain('On hold');
    await fireEvent.click(resume);
    expect(api.calls.resume).toHaveBeenCalledWith({ callId: 'call-1' });
    await screen.findByRole('button', { name: 'Hold' });
  });

  it('shows a refused hold on the call, with what to do next', async () => {
    const { api } = await show([connected()]);
    api.calls.hold.mockResolvedValueOnce(fail('hold-failed', 'The other side refused: 488 Not Acceptable Here'));
    await fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('488 Not Acceptable Here');
    expect(alert.textContent).toContain('The call goes on as before');
    await fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends DTMF from its keypad, by click and by typing, and shows digits received', async () => {
    const { api, emit } = await show([connected()]);
    const toggle = screen.getByRole('button', { name: 'Keypad' });
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const pad = screen.getByRole('group', { name: 'Send tones' });
    await fireEvent.click(within(pad).getByRole('button', { name: '5' }));
    await fireEvent.keyDown(within(pad).getByRole('button', { name: '5' }), { key: '#' });
    expect(api.calls.sendDtmf.mock.calls.map(([p]) => p)).toEqual([
      { callId: 'call-1', digits: '5' },
      { callId: 'call-1', digits: '#' },
    ]);
    await waitFor(() => expect(screen.getByTestId('dtmf-sent').textContent).toContain('5#'));
    emit('calls:dtmf', { callId: 'call-1', digit: '9', durationMs: 100 });
    flushSync();
    expect(screen.getByTestId('dtmf-received').textContent).toContain('9');
  });

  it('several calls: a list to switch between them; the one left goes on hold', async () => {
    const { api } = await show([connected(), connected({ id: 'call-2', peer: 'sip:carol@192.0.2.30', peerName: 'Carol', held: true })]);
    const list = screen.getByRole('list', { name: 'Your calls' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByTestId('call-peer').textContent).toBe('Bob Stone');
    await fireEvent.click(screen.getByRole('button', { name: 'Switch to Carol' }));
    await waitFor(() => expect(screen.getByTestId('call-peer').textContent).toBe('Carol'));
    expect(api.calls.hold).toHaveBeenCalledWith({ callId: 'call-1' });
    expect(api.calls.resume).toHaveBeenCalledWith({ callId: 'call-2' });
    expect(screen.getByRole('button', { name: 'Switch to Carol' }).getAttribute('aria-current')).toBe('true');
  });

  it('a new call during a call holds the first one', async () => {
    const { api } = await show([connected()]);
    await fireEvent.click(screen.getByRole('button', { name: 'New call' }));
    const field = screen.getByLabelText('Address or number') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'carol@192.0.2.30' } });
    await fireEvent.submit(field.form!);
    await waitFor(() => expect(screen.getByTestId('call-peer').textContent).toBe('carol'));
    expect(api.calls.hold).toHaveBeenCalledWith({ callId: 'call-1' });
    expect(within(screen.getByRole('list', { name: 'Your calls' })).getByText('On hold')).toBeTruthy();
  });
});

describe('calls screen: ended calls', () => {
  it('ended with a reason: the SIP status, what to do next, and a way to call again', async () => {
    const { api, engine } = await show([callInfo({ state: 'ringing' })]);
    engine.change('call-1', { state: 'ended', endedAt: Date.now(), endReason: 'Busy Here', endStatus: 486 });
    flushSync();
    expect(screen.getByTestId('call-ended')).toBeTruthy();
    expect(screen.getByTestId('end-reason').textContent).toContain('Busy Here');
    expect(screen.getByTestId('end-reason').textContent).toContain('SIP 486');
    expect(screen.getByTestId('call-ended').textContent).toContain('They are busy. Try again later.');
    await fireEvent.click(screen.getByRole('button', { name: 'Call again' }));
    expect(api.calls.dial).toHaveBeenCalledWith({ target: 'sip:bob@192.0.2.20:5060' });
    await waitFor(() => expect(screen.getByTestId('call-state').textContent).toContain('Calling'));
  });

  it('hanging up shows how long the call lasted, then back to the dialpad', async () => {
    await show([connected({ answeredAt: Date.now() - 125_000 })]);
    await fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    const ended = await screen.findByTestId('call-ended');
    expect(ended.textContent).toContain('Call ended after 2:05');
    expect(screen.getByTestId('end-reason').textContent).toBe('hung up');
    await fireEvent.click(screen.getByRole('button', { name: 'Back to dialpad' }));
    expect(screen.getByLabelText('Address or number')).toBeTruthy();
  });

  it('a missed call stays in the list until dismissed', async () => {
    const { engine } = await show();
    engine.add(callInfo({ id: 'in-1', direction: 'incoming', state: 'incoming', peer: 'sip:dave@192.0.2.40' }));
    engine.change('in-1', { state: 'ended', endedAt: Date.now(), endReason: 'the caller hung up before the answer', endStatus: 487 });
    flushSync();
    const list = screen.getByRole('list', { name: 'Your calls' });
    expect(list.textContent).toContain('dave');
    expect(list.textContent).toContain('Missed call');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss call with dave' }));
    expect(screen.queryByRole('list', { name: 'Your calls' })).toBeNull();
  });
});
