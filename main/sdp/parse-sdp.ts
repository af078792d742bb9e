import { parse as transformParse } from 'sdp-transform';
import { parseConnectionLine, parseOriginLine, parseTimingLine, parseVersionLine } from './core-lines';
import { SdpParseError } from './errors';
import { parseMediaSection, type RawSection } from './parse-media';
import { has, splitAttribute } from './raw-attributes';
import type { Connection, SessionDescription } from './session-description';

/** Line types of RFC 8866 §5 (k= is obsolete but still defined). */
const KNOWN_TYPES = new Set(['v', 'o', 's', 'i', 'u', 'e', 'p', 'c', 'b', 't', 'r', 'z', 'k', 'a', 'm']);

interface RawLine {
  type: string;
  value: string;
}

/**
 * Parses and validates an SDP body (RFC 8866). Throws SdpParseError, whose message is fit for
 * a 400 reason phrase, when a mandatory part is missing or malformed. Unknown attributes are kept.
 */
export function parseSdp(text: string): SessionDescription {
  const lines = splitLines(text);
  // RFC 8866 §5: v=, o= and s= come first, in this order.
  if (lines[0]?.type !== 'v') throw new SdpParseError('bad version line');
  parseVersionLine(lines[0].value);
  if (lines[1]?.type !== 'o') throw new SdpParseError('missing origin line');
  const origin = parseOriginLine(lines[1].value);
  if (lines[2]?.type !== 's') throw new SdpParseError('missing session name line');
  const name = lines[2].value;

  const sections = splitSections(lines.slice(3));
  const session = sections.shift() ?? [];
  const timingLine = session.find((l) => l.type === 't');
  // RFC 8866 §5.9: at least one t= line.
  if (!timingLine) throw new SdpParseError('missing timing line');
  const timing = parseTimingLine(timingLine.value);
  for (const t of session.filter((l) => l.type === 't')) parseTimingLine(t.value);
  const connection = connectionOf(session, 'session');
  const attributes = session.filter((l) => l.type === 'a').map((l) => splitAttribute(l.value));

  const transformed = transformParse(lines.map((l) => `${l.type}=${l.value}`).join('\r\n'));
  const media = sections.map((lines, index) => {
    const raw: RawSection = {
      mLine: lines[0]?.value ?? '',
      connection: connectionOf(lines, 'media'),
      attributes: lines.filter((l) => l.type === 'a').map((l) => splitAttribute(l.value)),
    };
    return parseMediaSection(raw, { connection, attributes, transformed }, index);
  });
  return { origin, name, ...(connection && { connection }), timing, iceLite: has(attributes, 'ice-lite'), media, attributes };
}

function splitLines(text: string): RawLine[] {
  if (typeof text !== 'string' || text.trim() === '') throw new SdpParseError('empty body');
  const out: RawLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    // Tolerated: blank lines and trailing white space, which some peers send.
    const trimmed = line.trimEnd();
    if (trimmed === '') continue;
    const m = /^([a-zA-Z])=(.*)$/.exec(trimmed);
    if (!m) throw new SdpParseError(`malformed line "${trimmed.slice(0, 20)}"`);
    const type = m[1] ?? '';
    // RFC 8866 §5: a description with a type letter we do not understand is rejected.
    if (!KNOWN_TYPES.has(type)) throw new SdpParseError(`unknown line type "${type}="`);
    out.push({ type, value: m[2] ?? '' });
  }
  return out;
}

/** The session part, then one array per m= line beginning with it. */
function splitSections(lines: RawLine[]): RawLine[][] {
  const sections: RawLine[][] = [[]];
  for (const line of lines) {
    if (line.type === 'm') sections.push([line]);
    else sections[sections.length - 1]?.push(line);
  }
  return sections;
}

function connectionOf(lines: RawLine[], where: string): Connection | undefined {
  const found = lines.filter((l) => l.type === 'c');
  // RFC 8866 §5.7: at most one c= per section for unicast.
  if (found.length > 1) throw new SdpParseError(`more than one c= line at ${where} level`);
  return found[0] ? parseConnectionLine(found[0].value) : undefined;
}

