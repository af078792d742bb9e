import { SipFramingError } from './errors';
import type { StreamFrame, StreamFramerOptions } from './types';

export const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\S*)[ \t]*$/im;

/**
 * Cuts a TCP/TLS byte stream into SIP messages (RFC 3261 §18.3): the header block ends at
 * the first empty line and Content-Length, which is mandatory on streams, gives the body.
 * Between messages, RFC 5626 §3.5.1 keep-alives are reported: a double CRLF is a ping, a
 * lone CRLF a pong; how a CRLF cut off at the end of a read is taken depends on
 * `keepAliveRole` (see StreamFramerOptions).
 * After an error nothing more is accepted: the transport closes the connection.
 */
export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private failed: SipFramingError | undefined;
  /** Bytes of the current message once its header block is known. */
  private expected = -1;
  /** The last thing seen at a message boundary was a lone CRLF reported as pong. */
  private pendingPong = false;
  private readonly maxHeaderBytes: number;
  private readonly maxMessageBytes: number;
  private readonly role: 'client' | 'server' | 'either';

  constructor(options: StreamFramerOptions = {}) {
    this.maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.role = options.keepAliveRole ?? 'either';
  }

  /** Bytes held, waiting for the rest of a message. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Feeds bytes; returns what became complete, in order. */
  push(chunk: Buffer): StreamFrame[] {
    const out: StreamFrame[] = [];
    if (this.failed) {
      out.push({ type: 'error', error: this.failed });
      return out;
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = this.next();
      if (frame === undefined) break;
      out.push(frame);
      if (frame.type === 'error') break;
    }
    return out;
  }

  private next(): StreamFrame | undefined {
    const buf = this.buffer;
    if (this.expected < 0) {
      // RFC 5626 §3.5.1 keep-alives between messages (RFC 3261 §7.5: CRLFs before a start line are ignored)
      if (buf.length >= 2 && buf[0] === 13 && buf[1] === 10) {
        const keepAlive = this.keepAlive(buf);
        return keepAlive === 'wait' ? undefined : keepAlive;
      }
      if (buf.length === 1 && buf[0] === 13) return undefined;
      if (buf.length === 0) return undefined;
      this.pendingPong = false;
      const headEnd = buf.indexOf(HEAD_END);
      if (headEnd < 0) {
        if (buf.length > this.maxHeaderBytes) return this.fail('header-too-large', `Header block larger than ${this.maxHeaderBytes} bytes`);
        return undefined;
      }
      if (headEnd + 4 > this.maxHeaderBytes) return this.fail('header-too-large', `Header block larger than ${this.maxHeaderBytes} bytes`);
      const head = buf.toString('latin1', 0, headEnd).replace(/\r\n[ \t]+/g, ' ');
      const m = CONTENT_LENGTH.exec(head);
      // RFC 3261 §18.3: on a stream, Content-Length MUST be present
      if (!m) return this.fail('missing-content-length', 'Missing Content-Length header on a stream transport');
      const value = m[1] ?? '';
      if (!/^\d{1,10}$/.test(value)) return this.fail('bad-content-length', 'Bad Content-Length header');
      const total = headEnd + 4 + Number(value);
      if (total > this.maxMessageBytes) return this.fail('message-too-large', `Message larger than ${this.maxMessageBytes} bytes`);
      this.expected = total;
    }
    if (this.buffer.length < this.expected) return undefined;
    const data = this.buffer.subarray(0, this.expected);
    this.consume(this.expected);
    this.expected = -1;
    return { type: 'message', data };
  }

  /** A CRLF at a message boundary: what it is, or 'wait' for more bytes (RFC 5626 §3.5.1). */
  private keepAlive(buf: Buffer): StreamFrame | 'wait' {
    const double = buf.length >= 4 && buf[2] === 13 && buf[3] === 10;
    const maybeDouble = buf.length === 2 || (buf.length === 3 && buf[2] === 13);
    switch (this.role) {
      case 'client':
        this.consume(2);
        return { type: 'pong' };
      case 'server':
        if (double) {
          this.consume(4);
          return { type: 'ping' };
        }
        if (maybeDouble) return 'wait';
        // RFC 3261 §7.5: a stray CRLF before a start line is ignored
        this.consume(2);
        return this.next() ?? 'wait';
      default:
        if (this.pendingPong) {
          this.pendingPong = false;
          this.consume(2);
          return { type: 'ping' };
        }
        if (double) {
          this.consume(4);
          return { type: 'ping' };
        }
        if (buf.length === 3 && buf[2] === 13) return 'wait';
        this.consume(2);
        if (buf.length === 2) this.pendingPong = true;
        return { type: 'pong' };
    }
  }

  private consume(n: number): void {
    this.buffer = n >= this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(n);
  }

  private fail(code: SipFramingError['code'], reason: string): StreamFrame {
    this.failed = new SipFramingError(code, reason);
    this.buffer = Buffer.alloc(0);
    return { type: 'error', error: this.failed };
  }
}
