import type { Call } from './call';

/** Calls the user takes part in (voicemail's are not theirs); the limit of calls counts these. */
export function userCallCount(calls: Iterable<Call>): number {
  return [...calls].filter((c) => !c.ended && !c.voicemail).length;
}

/** Whether the user is in another connected call (a new one then rings as call waiting). */
export function inOtherCall(calls: Iterable<Call>, except: Call): boolean {
  return [...calls].some((c) => c !== except && !c.voicemail && c.state === 'connected');
}

/** The connected calls to put on hold when the user takes `keep` (RFC 3264 §8.4). */
export function callsToHold(calls: Iterable<Call>, keep: Call): Call[] {
  return [...calls].filter((c) => c !== keep && !c.voicemail && c.state === 'connected' && !c.held);
}
