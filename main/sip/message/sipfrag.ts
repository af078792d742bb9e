/** The status line a message/sipfrag body starts with (RFC 3420), as REFER progress reports it (RFC 3515 §2.4.5). */
export interface SipfragStatus {
  readonly status: number;
  readonly reason: string;
}

export const SIPFRAG = 'message/sipfrag';

/** RFC 3515 §2.4.5: the body of a refer NOTIFY: at least the Status-Line of the referred request's response. */
export function formatSipfrag(status: number, reason: string): string {
  return `SIP/2.0 ${status} ${reason.replace(/[\r\n]+/g, ' ')}\r\n`;
}

/** The Status-Line of a sipfrag body; undefined when the body does not start with one. */
export function parseSipfrag(body: string): SipfragStatus | undefined {
  const line = body.replace(/^\s+/, '').split(/\r?\n/, 1)[0] ?? '';
  const m = /^SIP\/2\.0 ([1-6][0-9]{2})(?: (.*))?$/i.exec(line.trimEnd());
  if (!m) return undefined;
  return { status: Number(m[1]), reason: m[2] ?? '' };
}
