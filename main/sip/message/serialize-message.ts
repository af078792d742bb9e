import type { SipMessage } from './sip-message';

/**
 * Renders a message (RFC 3261 §7). An unmodified parsed message is its received bytes.
 * Otherwise every header line is written as it came (or as set), in order, and
 * Content-Length always states the body's length (RFC 3261 §18.3, §20.14): in place when
 * the message has one, else at the end.
 */
export function serializeMessage(msg: SipMessage): Buffer {
  const raw = msg.raw;
  if (raw !== undefined) return raw;
  const body = msg.body;
  let head = `${msg.startLine()}\r\n`;
  let wroteLength = false;
  for (const f of msg.headerFields) {
    if (f.key === 'content-length') {
      if (wroteLength) continue;
      head += `${f.name}: ${body.length}\r\n`;
      wroteLength = true;
    } else {
      head += f.raw !== undefined ? `${f.raw}\r\n` : `${f.name}: ${f.value}\r\n`;
    }
  }
  if (!wroteLength) head += `Content-Length: ${body.length}\r\n`;
  head += '\r\n';
  const encoding = msg.headEncoding;
  if (body.length === 0) return Buffer.from(head, encoding);
  const headLength = Buffer.byteLength(head, encoding);
  const out = Buffer.allocUnsafe(headLength + body.length);
  out.write(head, 0, encoding);
  body.copy(out, headLength);
  return out;
}
