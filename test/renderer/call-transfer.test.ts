import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CallsScreen from '../../renderer/src/screens/calls-screen.svelte';
import { CallsModel } from '../../renderer/src/state/calls-model.svelte';
import { fail, ok, type CallInfo } from '../../shared/ipc';
import { callInfo, fakeApi } from './fake-api';

afterEach(cleanup);

const connected = (fields: Partial<CallInfo> = {}) => callInfo({ state: 'connected', answeredAt: Date.now() - 30_000, encryption: 'srtp', ...fields });

/** The calls screen with transfer and conference requests answered the way the engine does. */
async function show(calls: CallInfo[]) {
  const fake = fakeApi({ calls });
  const api = fake.api.calls as unknown as Record<string, unknown>;
  const transfer = vi.fn(async ({ callId, target }: { callId: string; target: string }) =>
    target.includes('busy') ? fail('bad-target', `"${target}" is not a SIP address`) : fake.engine.change(callId, { transfer: { role: 'transferor', kind: 'blind', target, state: 'requested' } }),
  );
  const transferAttended = vi.fn(async ({ callId }: { callId: string; toCallId: string }) => fake.engine.change(callId, { transfer: { role: 'transferor', kind: 'attended', target: 'sip:carol@192.0.2.30', state: 'requested' } }));
  const merge = vi.fn(async ({ callIds }: { callIds: string[] }) => {
    const out = callIds.map((id) => fake.engine.change(id, { conferenceId: 'conf-1', conferenceMuted: false, held: false }));
    return ok(out.map((r) => (r.ok ? r.value : undefined)).filter((c): c is CallInfo => c !== undefined));
  });
  const conferenceMute = vi.fn(async ({ callId, muted }: { callId: string; muted: boolean }) => fake.engine.change(callId, { conferenceMuted: muted }));
  const conferenceDrop = vi.fn(async ({ callId }: { callId: string }) => fake.engine.change(callId, { state: 'ended', endReason: 'dropped from the conference' }));
  Object.assign(api, { transfer, transferAttended, merge, conferenceMute, conferenceDrop });
  const model = new CallsModel(fake.api);
  model.start();
  render(CallsScreen, { props: { model } });
  await waitFor(() => expect(model.calls).toHaveLength(calls.length));
  flushSync();
  return { ...fake, model, transfer, transferAttended, merge, conferenceMute, conferenceDrop };
}

describe('calls screen: transfer', () => {
  it('blind: the Transfer panel sends the address and shows the progress the engine reports', async () => {
    const { transfer, engine } = await show([connected({ id: 'a', peer: 'sip:bob@192.0.2.20' })]);
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const panel = screen.getByRole('region', { name: 'Transfer this call' });
    const field = within(panel).getByLabelText('Transfer to') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'sip:carol@192.0.2.30' } });
    await fireEvent.click(within(panel).getByRole('button', { name: 'Transfer' }));
    expect(transfer).toHaveBeenCalledWith({ callId: 'a', target: 'sip:carol@192.0.2.30' });
    expect((await screen.findByTestId('transfer-state')).textContent).toContain('Asking them to call');
    engine.change('a', { transfer: { role: 'transferor', kind: 'blind', target: 'sip:carol@192.0.2.30', state: 'failed', status: 486, reason: 'Busy Here' } });
    await waitFor(() => expect(screen.getByTestId('transfer-state').textContent).toMatch(/transfer failed \(SIP 486, Busy Here\)/));
  });

  it('shows the engine’s refusal as the call’s problem', async () => {
    await show([connected({ id: 'a' })]);
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const panel = screen.getByRole('region', { name: 'Transfer this call' });
    await fireEvent.input(within(panel).getByLabelText('Transfer to'), { target: { value: 'busy' } });
    await fireEvent.click(within(panel).getByRole('button', { name: 'Transfer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is not a SIP address');
  });

  it('attended: another connected call is offered as the one to hand over to', async () => {
    const { transferAttended, model } = await show([connected({ id: 'a', peer: 'sip:bob@192.0.2.20' }), connected({ id: 'b', peer: 'sip:carol@192.0.2.30', peerName: 'Carol', held: true })]);
    model.focusedId = 'a';
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Hand over to Carol' }));
    expect(transferAttended).toHaveBeenCalledWith({ callId: 'a', toCallId: 'b' });
  });
});

describe('calls screen: conference', () => {
  it('merges the connected calls, lists the members with mute and drop', async () => {
    const { merge, conferenceMute, conferenceDrop, model } = await show([
      connected({ id: 'a', peer: 'sip:bob@192.0.2.20', peerName: 'Bob' }),
      connected({ id: 'b', peer: 'sip:carol@192.0.2.30', peerName: 'Carol', held: true }),
    ]);
    model.focusedId = 'a';
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: 'Merge calls' }));
    expect(merge).toHaveBeenCalledWith({ callIds: ['a', 'b'] });
    const panel = await screen.findByRole('region', { name: 'Conference' });
    expect(within(panel).getAllByTestId('conference-member').map((m) => m.querySelector('.peer')?.textContent)).toEqual(['Bob', 'Carol']);
    expect(screen.queryByRole('button', { name: 'Merge calls' })).toBeNull();
    await fireEvent.click(within(panel).getByRole('button', { name: 'Mute Carol in the conference' }));
    expect(conferenceMute).toHaveBeenCalledWith({ callId: 'b', muted: true });
    expect(await within(panel).findByRole('button', { name: 'Unmute Carol in the conference' })).toBeTruthy();
    await fireEvent.click(within(panel).getByRole('button', { name: 'Drop Carol' }));
    expect(conferenceDrop).toHaveBeenCalledWith({ callId: 'b' });
    await waitFor(() => expect(within(panel).getAllByTestId('conference-member')).toHaveLength(1));
  });
});
