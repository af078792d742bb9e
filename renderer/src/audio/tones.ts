import type { CallInfo } from '../../../shared/ipc';

/** A repeating tone: the frequencies sounded together, and on/off steps in milliseconds. */
export interface TonePattern {
  readonly frequencies: readonly number[];
  /** Alternating on, off, on, off… durations; the pattern repeats. */
  readonly cadence: readonly number[];
  /** Peak gain of the sum (0…1). */
  readonly gain: number;
}

/** Ringback heard while the other side rings: 440 + 480 Hz, 2 s on, 4 s off (ITU-T E.180 North American plan). */
export const RINGBACK: TonePattern = { frequencies: [440, 480], cadence: [2000, 4000], gain: 0.15 };
/** Our own ringtone, on the ringer device: a two-note chirp twice, then a pause. */
export const RINGTONE: TonePattern = { frequencies: [660, 880], cadence: [400, 200, 400, 2000], gain: 0.3 };
/** Call waiting, over the call on the speaker: a short 440 Hz beep every 10 s (ITU-T E.180 style). */
export const CALL_WAITING: TonePattern = { frequencies: [440], cadence: [300, 9700], gain: 0.1 };

export type LocalTone = 'ringtone' | 'ringback' | 'call-waiting';

/**
 * Which tone plays for these calls, generated here rather than by the engine (RFC 5638 §4.1:
 * early media is not generated, so ringback is always local). A ringing incoming call rings
 * the ringer, or beeps over a call in progress; a call we placed that is ringing gives ringback.
 */
export function toneFor(calls: readonly CallInfo[]): LocalTone | undefined {
  const live = calls.filter((c) => c.state !== 'ended');
  const talking = live.some((c) => c.state === 'connected');
  if (live.some((c) => c.state === 'incoming' && !c.voicemail)) return talking ? 'call-waiting' : 'ringtone';
  if (!talking && live.some((c) => c.direction === 'outgoing' && c.state === 'ringing')) return 'ringback';
  return undefined;
}

export const PATTERNS: Record<LocalTone, TonePattern> = { ringtone: RINGTONE, ringback: RINGBACK, 'call-waiting': CALL_WAITING };

/** Whether the microphone and speaker should run: some call is connected. */
export function wantsAudio(calls: readonly CallInfo[]): boolean {
  return calls.some((c) => c.state === 'connected');
}

/** The on/off gain steps of a pattern over `ms` milliseconds, as [start ms, gain] pairs. */
export function cadenceSteps(pattern: TonePattern, ms: number): [number, number][] {
  const steps: [number, number][] = [];
  const period = pattern.cadence.reduce((a, b) => a + b, 0);
  if (period <= 0) return steps;
  for (let t = 0, i = 0; t < ms; i++) {
    steps.push([t, i % 2 === 0 ? pattern.gain : 0]);
    t += pattern.cadence[i % pattern.cadence.length]!;
  }
  return steps;
}
