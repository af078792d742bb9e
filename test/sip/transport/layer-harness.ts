import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach } from 'vitest';
import { createRequest, type SipParseError, type SipRequest, type SipResponse } from '../../../main/sip/message';
import { TransportLayer, type FailedFlow, type InboundSource, type ListenSpec, type TransportDelegate, type TransportError, type TransportLayerOptions } from '../../../main/sip/transport';

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

type Event =
  | { type: 'request'; message: SipRequest; source: InboundSource }
  | { type: 'response'; message: SipResponse; source: InboundSource }
  | { type: 'malformed'; error: SipParseError; source: InboundSource }
  | { type: 'flow-failed'; flow: FailedFlow; error: TransportError };

/** A transport layer whose delegate records everything, closed after the test. */
export class Peer {
  readonly events: Event[] = [];
  private waiters: { type: Event['type']; resolve: (e: Event) => void }[] = [];
  layer!: TransportLayer;

  static async start(specs: ListenSpec[], options: TransportLayerOptions = {}, extra: Partial<TransportDelegate> = {}): Promise<Peer> {
    const peer = new Peer();
    const push = (e: Event): void => peer.push(e);
    peer.layer = await TransportLayer.start(
      specs,
      {
        onRequest: (message, source) => push({ type: 'request', message, source }),
        onResponse: (message, source) => push({ type: 'response', message, source }),
        onMalformedRequest: (error, source) => push({ type: 'malformed', error, source }),
        onFlowFailed: (flow, error) => push({ type: 'flow-failed', flow, error }),
        ...extra,
      },
      options,
    );
    open.push(() => peer.layer.close());
    return peer;
  }

  address(transport: ListenSpec['transport']): ListenSpec {
    const a = this.layer.listening.find((l) => l.transport === transport);
    if (!a) throw new Error(`no ${transport} listener`);
    return a;
  }

  next<T extends Event['type']>(type: T, timeoutMs = 3000): Promise<Extract<Event, { type: T }>> {
    const i = this.events.findIndex((e) => e.type === type);
    if (i >= 0) return Promise.resolve(this.events.splice(i, 1)[0] as Extract<Event, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<Event, { type: T }>);
        },
      });
    });
  }

  private push(e: Event): void {
    const w = this.waiters.findIndex((x) => x.type === e.type);
    if (w >= 0) this.waiters.splice(w, 1)[0]?.resolve(e);
    else this.events.push(e);
  }
}

let seq = 0;

/** A minimal valid request without Via (the transport adds it). */
export function request(method = 'OPTIONS', extra: [string, string][] = [], body?: string): SipRequest {
  seq++;
  return createRequest(
    method,
    'sip:bob@example.test',
    [['From', `<sip:alice@example.test>;tag=t${seq}`], ['To', '<sip:bob@example.test>'], ['Call-ID', `call-${seq}@test`], ['CSeq', `${seq} ${method}`], ...extra],
    body === undefined ? undefined : { data: body, contentType: 'text/plain' },
  );
}

export function branch(): string {
  return `z9hG4bK-test-${++seq}`;
}

/** Raw text of a request with the given top Via, for packets written by hand. */
export function rawRequest(via: string, extra = ''): string {
  seq++;
  return (
    `OPTIONS sip:bob@example.test SIP/2.0\r\nVia: ${via}\r\nMax-Forwards: 70\r\nFrom: <sip:alice@example.test>;tag=r${seq}\r\n` +
    `To: <sip:bob@example.test>\r\nCall-ID: raw-${seq}@test\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: 0\r\n\r\n`
  );
}

/** A plain UDP socket that collects datagrams, closed after the test. */
export async function rawUdp(host = '127.0.0.1'): Promise<{ socket: dgram.Socket; port: number; next: (timeoutMs?: number) => Promise<string> }> {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  const got: string[] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (d) => {
    got.push(d.toString());
    wake?.();
  });
  await new Promise<void>((resolve) => socket.bind(0, host, () => resolve()));
  open.push(() => new Promise((resolve) => socket.close(() => resolve())));
  return {
    socket,
    port: socket.address().port,
    next: (timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no datagram')), timeoutMs);
        const check = (): void => {
          const d = got.shift();
          if (d !== undefined) {
            clearTimeout(timer);
            resolve(d);
          } else wake = check;
        };
        check();
      }),
  };
}

/** A plain TCP client that collects bytes as text. */
export async function rawTcp(host: string, port: number): Promise<{ socket: net.Socket; text: () => string; waitFor: (re: RegExp, timeoutMs?: number) => Promise<string>; closed: Promise<void> }> {
  const socket = net.connect({ host, port });
  let text = '';
  socket.on('data', (d) => (text += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  open.push(async () => {
    socket.destroy();
    await closed;
  });
  return {
    socket,
    text: () => text,
    closed,
    waitFor: (re, timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const start = Date.now();
        const poll = (): void => {
          const m = re.exec(text);
          if (m) resolve(m[0]);
          else if (Date.now() - start > timeoutMs) reject(new Error(`no ${re} in ${JSON.stringify(text)}`));
          else setTimeout(poll, 5);
        };
        poll();
      }),
  };
}

export function registerCloser(close: () => Promise<void>): void {
  open.push(close);
}

/** Waits (real time) until `cond` holds. */
export async function until(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
