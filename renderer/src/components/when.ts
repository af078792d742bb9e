import { en } from '../i18n/en';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayInYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Time of day for today, "Yesterday", else the date (with the year when not this one). */
export function formatWhen(ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000);
  if (days <= 0) return time.format(ms);
  if (days === 1) return en.chat.yesterday;
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? day.format(ms) : dayInYear.format(ms);
}

/** Date and time, for a label that must stand alone ("12 Mar, 14:05"). */
export function formatDateTime(ms: number, now = Date.now()): string {
  const d = formatWhen(ms, now);
  const t = time.format(ms);
  return d === t ? `${en.chat.today}, ${t}` : `${d}, ${t}`;
}

export function formatTime(ms: number): string {
  return time.format(ms);
}
