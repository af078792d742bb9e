import { parseMessage, type SipMessage } from '../../../main/sip/message';

/** A message from lines joined with CRLF (the last element is usually the body, after ''). */
export function sip(...lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The headers every request needs, for tests that are about something else. */
export const BASE_HEADERS = [
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9',
  'Max-Forwards: 70',
  'From: Alice <sip:alice@example.com>;tag=9fxced76sl',
  'To: Bob <sip:bob@example.com>',
  'Call-ID: 3848276298220188511@192.0.2.1',
  'CSeq: 1 OPTIONS',
];

export function options(...extra: string[]): Buffer {
  return sip('OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS, ...extra, '', '');
}

export function mustParse(data: Buffer): SipMessage {
  const r = parseMessage(data);
  if (!r.ok) throw new Error(r.error.reason);
  return r.value;
}
