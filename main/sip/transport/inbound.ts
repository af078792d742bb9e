import { parseMessage, SipRequest, SipResponse, StreamFramer, type SipParseError, type StreamFramerOptions, type Via } from '../message';
import { StreamFramingError } from './errors';
import type { FlowTokens } from './flow-token';
import type { StreamConnection } from './stream-connection';
import { CRLF_PONG } from './crlf-keep-alive';
import type { InboundSource, TransportDelegate } from './transport-delegate';
import type { HostPort, TransportAddress } from './transport-address';
import type { UdpTransport } from './udp-transport';
import { stampReceived } from './via-server';

export interface InboundContext {
  readonly delegate: TransportDelegate;
  readonly flowTokens: FlowTokens;
  readonly framer?: StreamFramerOptions;
  /** RFC 3261 §18.1.2: whether a response's top Via sent-by is one we insert. */
  isOurSentBy(via: Via): boolean;
  /** A single-CRLF pong arrived on a connection (RFC 5626 §3.5.1). */
  onPong(connection: StreamConnection): void;
  /** Whether our keep-alive on this connection waits for a pong. */
  awaitingPong(connection: StreamConnection): boolean;
  /** A request arrived on a connection: it may also be found by the Via's sent-by from now on. */
  onStreamRequest(connection: StreamConnection, via: Via): void;
  /** Reports a contained failure (a delegate that threw); never rethrown. */
  onInternalError(error: unknown): void;
}

/** RFC 7983 §7: a STUN message starts with two zero bits and carries the magic cookie. */
function isStun(data: Buffer): boolean {
  return data.length >= 20 && (data[0] ?? 0xff) < 2 && data.readUInt32BE(4) === 0x2112a442;
}

/**
 * RFC 3261 §18.3 and §18.2.1: turns datagrams and stream bytes into messages for the delegate.
 * Garbage is reported or dropped, never thrown; a stream that breaks framing is closed.
 */
export class Inbound {
  private readonly framers = new Map<number, StreamFramer>();

  constructor(private readonly ctx: InboundContext) {}

  /** One UDP datagram (RFC 3261 §18.3: one message per datagram). */
  datagram(data: Buffer, remote: HostPort, udp: UdpTransport): void {
    // CRLF keep-alives sent over UDP by some peers carry no message: ignore them.
    if (data.every((b) => b === 13 || b === 10 || b === 32)) return;
    const source = this.source({ transport: 'udp', ...remote }, udp.local);
    if (isStun(data)) {
      this.guard(() => this.ctx.delegate.onStunDatagram?.(data, source, (reply) => udp.send(reply, remote.host, remote.port)));
      return;
    }
    this.guard(() => this.deliver(data, parseMessage(data, { transport: 'datagram' }), source));
  }

  /** Bytes on a TCP/TLS connection, framed by Content-Length (RFC 3261 §18.3). */
  streamData(connection: StreamConnection, chunk: Buffer): void {
    let framer = this.framers.get(connection.id);
    if (!framer) {
      framer = new StreamFramer(this.ctx.framer);
      this.framers.set(connection.id, framer);
    }
    for (const frame of framer.push(chunk)) {
      if (connection.closed) return;
      switch (frame.type) {
        case 'ping':
          // The framer reports a lone CRLF right after an earlier one as the tail of a split
          // ping; while our own ping is outstanding, that CRLF is the pong we wait for.
          if (this.ctx.awaitingPong(connection)) {
            this.ctx.onPong(connection);
            break;
          }
          // RFC 5626 §3.5.1: answer a double-CRLF ping with a single-CRLF pong.
          connection.send(CRLF_PONG).catch(() => undefined);
          break;
        case 'pong':
          this.ctx.onPong(connection);
          break;
        case 'error':
          // RFC 3261 §18.3: a stream we can no longer frame is closed.
          void connection.close(new StreamFramingError(`Closing ${connection.describe()}: ${frame.error.reason}`));
          return;
        case 'message': {
          const source = this.source({ transport: connection.transport, ...connection.remote }, { transport: connection.transport, ...connection.local }, connection.id);
          this.guard(() => this.deliver(frame.data, parseMessage(frame.data, { transport: 'stream' }), source, connection));
          break;
        }
      }
    }
  }

  /** Forgets the framer of a closed connection. */
  streamClosed(connection: StreamConnection): void {
    this.framers.delete(connection.id);
  }

  private deliver(data: Buffer, result: ReturnType<typeof parseMessage>, source: InboundSource, connection?: StreamConnection): void {
    if (!result.ok) {
      this.malformed(data, result.error, source);
      return;
    }
    const message = result.value;
    if (message instanceof SipRequest) {
      const via = stampReceived(message, source.host, source.port);
      if (connection && via) this.guard(() => this.ctx.onStreamRequest(connection, via));
      this.guard(() => this.ctx.delegate.onRequest(message, source));
      return;
    }
    if (!(message instanceof SipResponse)) return;
    const top = message.via[0];
    // RFC 3261 §18.1.2: a response whose top Via is not ours is silently discarded.
    if (!top || !this.ctx.isOurSentBy(top)) return;
    this.guard(() => this.ctx.delegate.onResponse(message, source));
  }

  /** RFC 3261 §18.3: a bad request goes up (the UA answers 400); a bad response is dropped. */
  private malformed(data: Buffer, error: SipParseError, source: InboundSource): void {
    const kind = error.context?.kind ?? (error.code === 'empty' || error.code === 'bad-start-line' ? 'garbage' : data.subarray(0, 4).toString('latin1') === 'SIP/' ? 'response' : 'request');
    if (kind !== 'request') return;
    this.guard(() => this.ctx.delegate.onMalformedRequest?.(error, source));
  }

  private source(remote: TransportAddress, local: TransportAddress, connectionId?: number): InboundSource {
    const tokens = this.ctx.flowTokens;
    let token: string | undefined;
    const flow = { transport: remote.transport, local, remote, ...(connectionId ? { connectionId } : {}) };
    // The token is an HMAC: made only when someone asks for it, not for every message.
    return {
      ...remote,
      local,
      ...(connectionId ? { connectionId } : {}),
      get flowToken(): string {
        return (token ??= tokens.encode(flow));
      },
    };
  }

  /** Nothing thrown below or above (a delegate, a message-layer bug) escapes into the socket handlers. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.ctx.onInternalError(err);
    }
  }
}
