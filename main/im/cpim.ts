import { CpimParseError } from './errors';

/** A message/cpim body (RFC 3862 §3): message headers, then the encapsulated MIME entity. */
export interface CpimMessage {
  from?: string;
  to?: string;
  dateTime?: string;
  contentType: string;
  body: string;
}

const BLANK_LINE = /\r?\n\r?\n/;

/** RFC 3862 §3: headers block, blank line, MIME headers, blank line, content. Throws CpimParseError. */
export function parseCpim(text: string): CpimMessage {
  const first = BLANK_LINE.exec(text);
  if (!first) throw new CpimParseError('message/cpim without a blank line after its headers');
  const messageHeaders = headerLines(text.slice(0, first.index));
  const rest = text.slice(first.index + first[0].length);
  const second = BLANK_LINE.exec(rest);
  // RFC 3862 §3.1: the encapsulated MIME headers include at least Content-Type.
  if (!second) throw new CpimParseError('message/cpim without an encapsulated MIME entity');
  const mimeHeaders = headerLines(rest.slice(0, second.index));
  const contentType = mimeHeaders.get('content-type');
  if (!contentType) throw new CpimParseError('message/cpim entity without Content-Type');
  const out: CpimMessage = { contentType, body: rest.slice(second.index + second[0].length) };
  const from = messageHeaders.get('from');
  const to = messageHeaders.get('to');
  const dateTime = messageHeaders.get('datetime');
  if (from) out.from = from;
  if (to) out.to = to;
  if (dateTime) out.dateTime = dateTime;
  return out;
}

function headerLines(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new CpimParseError(`message/cpim header line without a colon: "${line.slice(0, 40)}"`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}
