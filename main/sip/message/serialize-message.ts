import { ReceivedField } from './header-field';
import type { SipMessage } from './sip-message';

/**
 * Renders a message (RFC 3261 §7). An unmodified parsed message is its received bytes.
 * Otherwise every header line is written as it came (or as set), in order, and
 * Content-Length always states the body's length (RFC 3261 §18.3, §20.14): in place when
 * the message has one, else at the end. A run of lines that came unchanged is cut from the
 * received header block in one piece.
 */
export function serializeMessage(msg: SipMessage): Buffer {
  const raw = msg.raw;
  if (raw !== undefined) return raw;
  const body = msg.body;
  let head = `${msg.startLine()}\r\n`;
  let wroteLength = false;
  // the run of received lines [runStart, runEnd) of `block` not yet added to `head`
  let block: string | undefined;
  let runStart = 0;
  let runEnd = -1;
  for (const f of msg.headerFields) {
    if (f instanceof ReceivedField && f.key !== 'content-length') {
      if (f.block === block && f.start === runEnd) {
        runEnd = f.end + 2;
        continue;
      }
      if (block !== undefined) head += run(block, runStart, runEnd);
      block = f.block;
      runStart = f.start;
      runEnd = f.end + 2;
      continue;
    }
    if (block !== undefined) {
      head += run(block, runStart, runEnd);
      block = undefined;
    }
    if (f.key === 'content-length') {
      if (wroteLength) continue;
      head += `${f.name}: ${body.length}\r\n`;
      wroteLength = true;
    } else {
      head += f.raw !== undefined ? `${f.raw}\r\n` : `${f.name}: ${f.value}\r\n`;
    }
  }
  if (block !== undefined) head += run(block, runStart, runEnd);
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

/** Received lines block[start, end) with their CRLFs (the block's last line has none in it). */
function run(block: string, start: number, end: number): string {
  return end > block.length ? `${block.slice(start, end - 2)}\r\n` : block.slice(start, end);
}
