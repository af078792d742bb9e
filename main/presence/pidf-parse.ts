import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PresenceStatus } from '../../shared/ipc';
import { PidfParseError } from './errors';

export interface ParsedPresence {
  status: PresenceStatus;
  note: string;
}

/** Element names are compared without namespace prefixes; unknown elements are ignored (RFC 3863 §4.1.4 mustUnderstand aside). */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => ['tuple', 'person', 'note', 'activities'].includes(name),
});

const BUSY_LIKE: readonly [string, PresenceStatus][] = [
  ['on-the-phone', 'on-the-phone'],
  ['busy', 'busy'],
  ['away', 'away'],
  ['vacation', 'away'],
  ['sleeping', 'away'],
  ['appointment', 'busy'],
  ['meeting', 'busy'],
  ['permanent-absence', 'away'],
];

function text(node: unknown): string {
  if (typeof node === 'string') return node.trim();
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text']).trim();
  return '';
}

function firstNote(notes: unknown): string {
  return Array.isArray(notes) ? notes.map(text).find((t) => t.length > 0) ?? '' : '';
}

/**
 * RFC 3863 §4 + RFC 4480: open/closed from the tuples' basic status, busy/away/on-the-phone
 * from RPID activities, the first note found. Throws PidfParseError for anything that is not
 * well-formed PIDF.
 */
export function parsePidf(xml: string): ParsedPresence {
  if (xml.length > 65_536) throw new PidfParseError('PIDF document larger than 64 KiB');
  // PIDF needs no DTD; refusing one rules out entity-expansion attacks from the network.
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new PidfParseError('PIDF with a DTD or entity declarations is not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new PidfParseError(`malformed PIDF XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new PidfParseError(`malformed PIDF XML: ${(err as Error).message}`);
  }
  const presence = doc.presence as Record<string, unknown> | undefined;
  if (!presence || typeof presence !== 'object') throw new PidfParseError('not a PIDF document: no <presence> root element');
  const tuples = (presence.tuple as Record<string, unknown>[] | undefined) ?? [];
  const persons = (presence.person as Record<string, unknown>[] | undefined) ?? [];
  // RFC 3863 §4.1.4: basic is open or closed; any open tuple makes the presentity reachable.
  const basics = tuples.map((t) => text((t.status as Record<string, unknown> | undefined)?.basic).toLowerCase());
  const open = basics.includes('open');
  const activities = new Set<string>();
  for (const holder of [...persons, ...tuples]) {
    for (const a of (holder.activities as Record<string, unknown>[] | undefined) ?? []) {
      if (a && typeof a === 'object') for (const name of Object.keys(a)) if (!name.startsWith('@') && name !== '#text') activities.add(name.toLowerCase());
    }
  }
  const note = firstNote(presence.note) || tuples.map((t) => firstNote(t.note)).find(Boolean) || persons.map((p) => firstNote(p.note)).find(Boolean) || '';
  if (!open) return { status: 'offline', note };
  const busy = BUSY_LIKE.find(([name]) => activities.has(name));
  return { status: busy ? busy[1] : 'available', note };
}
