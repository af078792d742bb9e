/** The RFC 4733 encoding name for DTMF events. */
export const TELEPHONE_EVENT = 'telephone-event';

/** RFC 4733 §3.2: events 0-15 are DTMF digits, 16 is flash; those are the ones we send and receive. */
const OUR_EVENTS = { first: 0, last: 16 };

/** RFC 4733 §7.1.1: with no fmtp, the events 0-15 are meant. */
const DEFAULT_EVENTS = '0-15';

/** Our fmtp value for telephone-event. */
export const OUR_EVENT_LIST = `${OUR_EVENTS.first}-${OUR_EVENTS.last}`;

/** Parses "0-15,66,70" into event numbers; an unreadable list counts as the default one. */
export function parseEventList(fmtp: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (fmtp ?? DEFAULT_EVENTS).split(',')) {
    const m = /^\s*(\d{1,3})(?:-(\d{1,3}))?\s*$/.exec(part);
    if (!m) return fmtp === undefined ? out : parseEventList(undefined);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let e = from; e <= Math.min(to, 255); e++) out.add(e);
  }
  return out;
}

/** The offered events we handle, formatted as ranges ("0-15"), or undefined if none. */
export function answerEventList(offeredFmtp: string | undefined): string | undefined {
  const offered = parseEventList(offeredFmtp);
  const ours: number[] = [];
  for (let e = OUR_EVENTS.first; e <= OUR_EVENTS.last; e++) if (offered.has(e)) ours.push(e);
  if (ours.length === 0) return undefined;
  const ranges: string[] = [];
  let start = ours[0] ?? 0;
  let prev = start;
  for (const e of [...ours.slice(1), Number.NaN]) {
    if (e === prev + 1) {
      prev = e;
      continue;
    }
    ranges.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = e;
    prev = e;
  }
  return ranges.join(',');
}
