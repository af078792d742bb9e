import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wavPeaks, base64ToBytes } from '../../renderer/src/components/voicemail/waveform';
import { playback, type Playback } from '../../renderer/src/components/voicemail/wav-playback';
import VoicemailScreen from '../../renderer/src/screens/voicemail-screen.svelte';
import { ContactsModel } from '../../renderer/src/state/contacts-model.svelte';
import { VoicemailModel } from '../../renderer/src/state/voicemail-model.svelte';
import { fail, type VoicemailEntry } from '../../shared/ipc';
import { contact, fakeApi, voicemailEntry, wavBase64 } from './fake-api';

/** jsdom has no Web Audio: a playback whose clock the test moves. */
class FakePlayback implements Playback {
  static last: FakePlayback | undefined;
  playing = false;
  at = 0;
  onended: (() => void) | undefined;
  closed = false;
  constructor(
    readonly wav: Uint8Array,
    readonly durationMs: number,
  ) {
    FakePlayback.last = this;
  }
  positionMs(): number {
    return this.at;
  }
  async play(): Promise<void> {
    this.playing = true;
  }
  pause(): void {
    this.playing = false;
  }
  seek(ms: number): void {
    this.at = ms;
  }
  close(): void {
    this.closed = true;
  }
  /** Plays on to the end. */
  finish(): void {
    this.at = this.durationMs;
    this.playing = false;
    this.onended?.();
  }
}

const realCreate = playback.create;
beforeEach(() => {
  playback.create = (wav, durationMs) => new FakePlayback(wav, durationMs);
});

afterEach(() => {
  cleanup();
  playback.create = realCreate;
});

async function show(entries: VoicemailEntry[]) {
  const fake = fakeApi({ voicemail: entries, contacts: [contact('sip:bob@192.0.2.20:5060', { displayName: 'Bob Stone' })] });
  const model = new VoicemailModel(fake.api);
  const contacts = new ContactsModel(fake.api);
  model.start();
  contacts.start();
  const oncall = vi.fn();
  render(VoicemailScreen, { props: { model, contacts, oncall } });
  await waitFor(() => expect(model.loaded && contacts.loaded).toBe(true));
  return { ...fake, model, oncall };
}

const row = (name: RegExp) => screen.getAllByTestId('voicemail-row').find((r) => name.test(r.getAttribute('aria-label') ?? ''))!;

describe('voicemail screen', () => {
  it('empty: says how to turn voicemail on', async () => {
    await show([]);
    expect(screen.getByRole('heading', { level: 1, name: 'Voicemail' })).toBeTruthy();
    expect(screen.getByText(/Turn voicemail on in Settings/)).toBeTruthy();
  });

  it('lists messages newest first; new ones are marked and counted', async () => {
    const { model, emit } = await show([
      voicemailEntry({ id: 2, heard: false, forwardedFrom: 'sip:desk@192.0.2.9' }),
      voicemailEntry({ id: 1, caller: 'sip:carol@192.0.2.30', heard: true, durationMs: 65_000 }),
    ]);
    expect(model.unheard).toBe(1);
    expect(within(row(/^Bob Stone, New/)).getByTestId('unheard')).toBeTruthy();
    expect(row(/^Bob Stone/).textContent).toContain('via desk@192.0.2.9');
    expect(within(row(/^carol/)).queryByTestId('unheard')).toBeNull();
    expect(row(/^carol/).textContent).toContain('1:05');
    emit('voicemail:new', voicemailEntry({ id: 3, caller: 'sip:erin@192.0.2.50', receivedAt: Date.now() }));
    await waitFor(() => expect(screen.getAllByTestId('voicemail-row')).toHaveLength(3));
    expect(screen.getAllByTestId('voicemail-row')[0]!.getAttribute('aria-label')).toMatch(/^erin, New/);
    expect(model.unheard).toBe(2);
  });

  it('plays with a waveform and a seek slider; played to the end it is marked heard', async () => {
    const { api, model } = await show([voicemailEntry({ id: 1, durationMs: 2000 })]);
    await fireEvent.click(screen.getByRole('button', { name: 'Play the message from Bob Stone' }));
    const player = await screen.findByTestId('voicemail-player');
    expect(api.voicemail.play).toHaveBeenCalledWith({ id: 1 });
    expect(api.voicemail.markHeard).not.toHaveBeenCalled();
    expect(within(player).getByTestId('waveform').querySelectorAll('rect')).toHaveLength(72);
    const fake = FakePlayback.last!;
    expect(fake.durationMs).toBe(2000);
    expect(fake.wav.length).toBe(44 + 2 * 16000);
    await waitFor(() => expect(fake.playing).toBe(true));
    await waitFor(() => expect(within(player).getByRole('button', { name: 'Pause' })).toBeTruthy());

    const slider = within(player).getByRole('slider', { name: 'Position: Bob Stone' });
    expect(slider.getAttribute('aria-valuetext')).toBe('0:00 of 0:02');
    await fireEvent.input(slider, { target: { value: '1500' } });
    expect(fake.at).toBe(1500);
    await waitFor(() => expect(slider.getAttribute('aria-valuetext')).toBe('0:01 of 0:02'));
    // Bars before the position are drawn as played.
    await waitFor(() => expect(player.querySelectorAll('rect.done').length).toBe(54));

    await fireEvent.click(within(player).getByRole('button', { name: 'Pause' }));
    expect(fake.playing).toBe(false);
    expect(api.voicemail.markHeard).not.toHaveBeenCalled();
    await fireEvent.click(within(player).getByRole('button', { name: 'Play' }));
    expect(fake.playing).toBe(true);
    fake.finish();
    await waitFor(() => expect(api.voicemail.markHeard).toHaveBeenCalledWith({ id: 1, heard: true }));
    await waitFor(() => expect(model.unheard).toBe(0));
    expect(within(row(/^Bob Stone/)).queryByTestId('unheard')).toBeNull();
  });

  it('marks heard and new by hand, deletes, and calls back', async () => {
    const { api, oncall, model } = await show([voicemailEntry({ id: 1 }), voicemailEntry({ id: 2, caller: 'sip:carol@192.0.2.30' })]);
    await fireEvent.click(within(row(/^Bob Stone/)).getByRole('button', { name: 'Mark as heard' }));
    await waitFor(() => expect(within(row(/^Bob Stone/)).getByRole('button', { name: 'Mark as new' })).toBeTruthy());
    expect(model.unheard).toBe(1);
    await fireEvent.click(within(row(/^Bob Stone/)).getByRole('button', { name: 'Mark as new' }));
    await waitFor(() => expect(api.voicemail.markHeard).toHaveBeenLastCalledWith({ id: 1, heard: false }));
    await fireEvent.click(screen.getByRole('button', { name: 'Call Bob Stone back' }));
    expect(oncall).toHaveBeenCalledWith('sip:bob@192.0.2.20:5060');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete the message from carol' }));
    await waitFor(() => expect(screen.getAllByTestId('voicemail-row')).toHaveLength(1));
  });

  it('shows a failure to load the audio on the message', async () => {
    const { api } = await show([voicemailEntry({ id: 1 })]);
    api.voicemail.play.mockResolvedValueOnce(fail('not-found', 'The recording is missing.'));
    await fireEvent.click(screen.getByRole('button', { name: 'Play the message from Bob Stone' }));
    expect((await within(row(/^Bob Stone/)).findByRole('alert')).textContent).toBe('The recording is missing.');
    expect(screen.queryByTestId('voicemail-player')).toBeNull();
  });

  it('waveform peaks follow the WAV samples', () => {
    const peaks = wavPeaks(base64ToBytes(wavBase64(2000)), 10);
    expect(peaks.slice(0, 5).every((p) => p === 0)).toBe(true);
    expect(peaks.slice(5).every((p) => p > 0.8)).toBe(true);
    expect(wavPeaks(new Uint8Array(12), 4)).toEqual([0, 0, 0, 0]);
  });
});
