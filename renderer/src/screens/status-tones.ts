import type { EngineState, RegistrationState } from '../../../shared/ipc';
import type { Tone } from '../components/state-badge.svelte';

export const engineTone: Record<EngineState, Tone> = {
  starting: 'busy',
  running: 'good',
  stopping: 'busy',
  stopped: 'idle',
  failed: 'bad',
};

export const registrationTone: Record<RegistrationState, Tone> = {
  unregistered: 'idle',
  registering: 'busy',
  registered: 'good',
  failed: 'bad',
};
