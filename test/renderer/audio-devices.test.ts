import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AudioDevicesView from '../../renderer/src/components/audio-devices.svelte';
import type { DeviceControl } from '../../renderer/src/audio/device-control';
import type { AudioDevices } from '../../shared/ipc';

afterEach(cleanup);

function fakeControl(overrides: Partial<DeviceControl> = {}) {
  let report: ((dbfs: number) => void) | undefined;
  const stop = vi.fn();
  const control: DeviceControl = {
    available: true,
    canChooseOutput: true,
    list: vi.fn(async () => [
      { deviceId: 'mic-usb', kind: 'audioinput' as const, label: 'USB headset microphone' },
      { deviceId: 'mic-2', kind: 'audioinput' as const, label: '' },
      { deviceId: 'spk-usb', kind: 'audiooutput' as const, label: 'USB headset' },
      { deviceId: 'spk-hdmi', kind: 'audiooutput' as const, label: 'Monitor speakers' },
    ]),
    meter: vi.fn(async (_id: string, onLevel: (dbfs: number) => void) => {
      report = onLevel;
      return stop;
    }),
    testTone: vi.fn(async () => undefined),
    ...overrides,
  };
  return { control, stop, level: (dbfs: number) => report?.(dbfs) };
}

const none: AudioDevices = { microphone: '', speaker: '', ringer: '' };

describe('audio device settings', () => {
  it('lists microphones and outputs, and saves a choice', async () => {
    const { control } = fakeControl();
    const onchange = vi.fn();
    render(AudioDevicesView, { props: { value: none, onchange, control } });
    await screen.findByRole('option', { name: 'USB headset microphone' });
    expect(screen.getByRole('option', { name: 'Microphone 2' })).toBeTruthy();
    const ringer = screen.getByLabelText('Ringer') as HTMLSelectElement;
    expect([...ringer.options].map((o) => o.textContent)).toEqual(['System default', 'USB headset', 'Monitor speakers']);

    await fireEvent.change(ringer, { target: { value: 'spk-hdmi' } });
    expect(onchange).toHaveBeenCalledWith({ microphone: '', speaker: '', ringer: 'spk-hdmi' });
    await fireEvent.change(screen.getByLabelText('Microphone'), { target: { value: 'mic-usb' } });
    expect(onchange).toHaveBeenLastCalledWith({ microphone: 'mic-usb', speaker: '', ringer: '' });
  });

  it('shows the chosen devices, and tests the ringer on its own device', async () => {
    const { control } = fakeControl();
    render(AudioDevicesView, { props: { value: { microphone: 'mic-usb', speaker: 'spk-usb', ringer: 'spk-hdmi' }, onchange: vi.fn(), control } });
    await screen.findByRole('option', { name: 'Monitor speakers', selected: false });
    await waitFor(() => expect((screen.getByLabelText('Ringer') as HTMLSelectElement).value).toBe('spk-hdmi'));
    expect((screen.getByLabelText('Speaker') as HTMLSelectElement).value).toBe('spk-usb');
    await fireEvent.click(screen.getByRole('button', { name: 'Test ringer' }));
    expect(control.testTone).toHaveBeenCalledWith('spk-hdmi');
    await fireEvent.click(screen.getByRole('button', { name: 'Play test tone' }));
    expect(control.testTone).toHaveBeenLastCalledWith('spk-usb');
  });

  it('the level meter follows the microphone and releases it when stopped', async () => {
    const { control, stop, level } = fakeControl();
    render(AudioDevicesView, { props: { value: { ...none, microphone: 'mic-usb' }, onchange: vi.fn(), control } });
    await fireEvent.click(screen.getByRole('button', { name: 'Test microphone' }));
    expect(control.meter).toHaveBeenCalledWith('mic-usb', expect.any(Function));
    level(-20);
    const meter = screen.getByRole('meter', { name: 'Microphone level' }) as HTMLMeterElement;
    await waitFor(() => expect(meter.getAttribute('value')).toBe('40'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Stop test' }));
    expect(stop).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Test microphone' })).toBeTruthy();
  });

  it('says what went wrong when the microphone cannot be opened', async () => {
    const { control } = fakeControl({ meter: vi.fn(async () => Promise.reject(new Error('Permission denied'))) });
    render(AudioDevicesView, { props: { value: none, onchange: vi.fn(), control } });
    await fireEvent.click(screen.getByRole('button', { name: 'Test microphone' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Permission denied/);
  });

  it('outputs are fixed where the browser cannot choose them, and nothing shows without a microphone', async () => {
    const { control } = fakeControl({ canChooseOutput: false });
    render(AudioDevicesView, { props: { value: none, onchange: vi.fn(), control } });
    expect((screen.getByLabelText('Speaker') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getAllByText(/plays on its default output/)).toHaveLength(2);
    cleanup();
    render(AudioDevicesView, { props: { value: none, onchange: vi.fn(), control: { ...control, available: false } } });
    expect(screen.getByText(/no access to a microphone/)).toBeTruthy();
    expect(screen.queryByLabelText('Microphone')).toBeNull();
  });
});
