import type { CallInfo } from '../../../../shared/ipc';
import { en } from '../../i18n/en';

/** The address without scheme and parameters: `sip:bob@host;transport=tcp` → `bob@host`. */
export function shortAddress(uri: string): string {
  return uri.replace(/^sips?:/i, '').replace(/;.*$/, '');
}

/** What to call the other party: their display name, else the user part of the address. */
export function peerLabel(call: Pick<CallInfo, 'peer' | 'peerName'>): string {
  if (call.peerName?.trim()) return call.peerName.trim();
  const address = shortAddress(call.peer);
  return address.split('@')[0] || address;
}

export function initials(label: string): string {
  const words = label.split(/[\s._-]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const letters = words.length >= 2 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? '?')].slice(0, 1);
  return letters.join('').toUpperCase();
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export type Grade = keyof typeof en.calls.grade;

/** ITU-T G.107 user-satisfaction bands for the E-model's MOS. */
export function mosGrade(mos: number): Grade {
  if (mos >= 4.03) return 'excellent';
  if (mos >= 3.6) return 'good';
  if (mos >= 3.1) return 'fair';
  if (mos >= 2.58) return 'poor';
  return 'bad';
}

/** What the user can do after a call ended with this SIP status. */
export function endAdvice(call: CallInfo): string | undefined {
  const s = call.endStatus;
  const t = en.calls.advice;
  if (s === undefined) return call.answeredAt === undefined && call.direction === 'outgoing' && /failed/i.test(call.endReason ?? '') ? t.failed : undefined;
  if (s === 486 || s === 600) return t.busy;
  if (s === 603) return call.direction === 'outgoing' ? t.declined : undefined;
  if (s === 404 || s === 604 || s === 484) return t.notFound;
  if (s === 480 || s === 503 || s === 408) return t.unavailable;
  if (s === 487) return undefined;
  if (s === 488 || s === 415 || s === 606) return t.media;
  if (s >= 400) return t.failed;
  return undefined;
}

/** An incoming call that ended without being answered (the caller gave up). */
export function isMissed(call: CallInfo): boolean {
  return call.direction === 'incoming' && call.state === 'ended' && call.answeredAt === undefined && call.endStatus !== 603;
}
