import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_MESSAGE_BYTES, parseMessage, StreamFramer, type StreamFrame } from '../../../main/sip/message';
import { options, sip } from './helpers';

function summary(frames: StreamFrame[]): string[] {
  return frames.map((f) => (f.type === 'message' ? `message:${f.data.length}` : f.type === 'error' ? `error:${f.error.code}` : f.type));
}

/** Feeds `data` cut at every position in `cuts` and returns everything the framer produced. */
function feed(data: Buffer, cuts: number[], framer = new StreamFramer()): StreamFrame[] {
  const out: StreamFrame[] = [];
  let last = 0;
  for (const cut of [...cuts, data.length]) {
    out.push(...framer.push(data.subarray(last, cut)));
    last = cut;
  }
  return out;
}

const withBody = Buffer.concat([options('Content-Type: text/plain', 'Content-Length: 5'), Buffer.from('hello')]);
const noBody = options('Content-Length: 0');

describe('StreamFramer (RFC 3261 §18.3, RFC 5626 §3.5.1)', () => {
  it('frames back-to-back messages with a keep-alive ping between them, whatever the chunk boundaries', () => {
    const stream = Buffer.concat([withBody, Buffer.from('\r\n\r\n'), noBody, withBody]);
    const expected = [`message:${withBody.length}`, 'ping', `message:${noBody.length}`, `message:${withBody.length}`];
    expect(summary(feed(stream, []))).toEqual(expected);
    // a ping cut between its two CRLFs is first seen as a pong (a lone CRLF), then as a ping
    const midPing = withBody.length + 2;
    const splitPing = [expected[0], 'pong', ...expected.slice(1)];
    for (let cut = 1; cut < stream.length; cut++) {
      expect(summary(feed(stream, [cut])), `cut at ${cut}`).toEqual(cut === midPing ? splitPing : expected);
    }
    // byte by byte
    expect(summary(feed(stream, Array.from({ length: stream.length - 1 }, (_, i) => i + 1)))).toEqual(splitPing);
    // every message cut at every place, two cuts at a time
    for (let a = 1; a < withBody.length; a += 7) {
      for (let b = a + 1; b < withBody.length + noBody.length; b += 11) {
        expect(summary(feed(Buffer.concat([withBody, noBody]), [a, b]))).toEqual([`message:${withBody.length}`, `message:${noBody.length}`]);
      }
    }
  });

  it('hands over bytes that parse as the same message', () => {
    const [frame] = new StreamFramer().push(withBody);
    expect(frame?.type).toBe('message');
    if (frame?.type !== 'message') return;
    expect(frame.data.equals(withBody)).toBe(true);
    const r = parseMessage(frame.data, { transport: 'stream' });
    expect(r.ok && r.value.body.toString()).toBe('hello');
  });

  it('reports a double CRLF as a ping and a lone CRLF as a pong', () => {
    expect(summary(new StreamFramer().push(Buffer.from('\r\n\r\n')))).toEqual(['ping']);
    expect(summary(new StreamFramer().push(Buffer.from('\r\n\r\n\r\n\r\n')))).toEqual(['ping', 'ping']);
    const f = new StreamFramer();
    expect(summary(f.push(Buffer.from('\r\n')))).toEqual(['pong']);
    // the same CRLF completed to a ping by the next read is answered as a ping
    expect(summary(f.push(Buffer.from('\r\n')))).toEqual(['ping']);
    expect(summary(new StreamFramer().push(Buffer.concat([Buffer.from('\r\n'), noBody])))).toEqual(['pong', `message:${noBody.length}`]);
    const g = new StreamFramer();
    expect(summary(g.push(Buffer.from('\r')))).toEqual([]);
    expect(summary(g.push(Buffer.from('\n\r\n')))).toEqual(['ping']);
  });

  it('on an accepted connection (server role) a ping cut anywhere is one ping and stray CRLFs are ignored', () => {
    const stream = Buffer.concat([withBody, Buffer.from('\r\n\r\n'), noBody, Buffer.from('\r\n'), withBody]);
    const expected = [`message:${withBody.length}`, 'ping', `message:${noBody.length}`, `message:${withBody.length}`];
    for (let cut = 1; cut < stream.length; cut++) {
      expect(summary(feed(stream, [cut], new StreamFramer({ keepAliveRole: 'server' }))), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('on a connection we opened (client role) every CRLF is a pong at once', () => {
    const f = new StreamFramer({ keepAliveRole: 'client' });
    expect(summary(f.push(Buffer.from('\r\n')))).toEqual(['pong']);
    expect(summary(f.push(Buffer.from('\r\n')))).toEqual(['pong']);
    expect(summary(f.push(Buffer.concat([Buffer.from('\r\n'), noBody])))).toEqual(['pong', `message:${noBody.length}`]);
  });

  it('refuses a message without Content-Length on a stream', () => {
    const out = new StreamFramer().push(options());
    expect(summary(out)).toEqual(['error:missing-content-length']);
  });

  it('finds a compact or folded Content-Length', () => {
    const compact = sip('OPTIONS sip:b@example.com SIP/2.0', 'l: 2', '', 'ok');
    expect(summary(new StreamFramer().push(compact))).toEqual([`message:${compact.length}`]);
    const folded = sip('OPTIONS sip:b@example.com SIP/2.0', 'Content-Length:', '  2', '', 'ok');
    expect(summary(new StreamFramer().push(folded))).toEqual([`message:${folded.length}`]);
    expect(summary(new StreamFramer().push(sip('OPTIONS sip:b@example.com SIP/2.0', 'Content-Length: -1', '', '')))).toEqual(['error:bad-content-length']);
  });

  it('enforces the header and message limits with a typed error, then accepts nothing more', () => {
    expect(DEFAULT_MAX_HEADER_BYTES).toBe(64 * 1024);
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(1024 * 1024);
    const framer = new StreamFramer({ maxHeaderBytes: 256, maxMessageBytes: 1024 });
    const endless = Buffer.from(`OPTIONS sip:b@example.com SIP/2.0\r\nX-Long: ${'a'.repeat(300)}`);
    expect(summary(framer.push(endless))).toEqual(['error:header-too-large']);
    expect(summary(framer.push(noBody))).toEqual(['error:header-too-large']);
    const big = sip('OPTIONS sip:b@example.com SIP/2.0', 'Content-Length: 5000', '', '');
    expect(summary(new StreamFramer({ maxMessageBytes: 1024 }).push(big))).toEqual(['error:message-too-large']);
    const longHead = options(`X-Long: ${'a'.repeat(300)}`, 'Content-Length: 0');
    expect(summary(new StreamFramer({ maxHeaderBytes: 256 }).push(longHead))).toEqual(['error:header-too-large']);
  });

  it('holds a partial message and says how much it holds', () => {
    const f = new StreamFramer();
    expect(f.push(withBody.subarray(0, 40))).toEqual([]);
    expect(f.buffered).toBe(40);
    expect(summary(f.push(withBody.subarray(40)))).toEqual([`message:${withBody.length}`]);
    expect(f.buffered).toBe(0);
  });
});
