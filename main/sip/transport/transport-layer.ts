import { SipRequest, type SipMessage, type SipResponse, type StreamFramerOptions, type Via } from '../message';
import { systemClock, type Clock } from '../../lib/clock';
import { ConnectionManager } from './connection-manager';
import { InvalidFlowTokenError, ListenError, SendError, TransportClosedError, type TransportError } from './errors';
import { FlowKeepAlives, type KeepAliveHandle, type KeepAliveOptions } from './flow-keep-alives';
import { FlowTokens, type Flow } from './flow-token';
import { Inbound } from './inbound';
import { isLoopback } from './local-address';
import { familyOf, listenerFor, udpFor, type SentByResolver } from './outbound-context';
import { describeSendFailure, sendRequest, transportForRequest, type RequestTarget, type SentRequest } from './request-sender';
import { sendResponse, type ResponseHint } from './response-sender';
import type { StreamConnection } from './stream-connection';
import type { StreamListener } from './stream-listener';
import { listenTcp } from './tcp-transport';
import { listenTls, type TlsOptions } from './tls-transport';
import type { TransportDelegate } from './transport-delegate';
import { defaultPort, isReliable, isWildcard, normalizeHost, type TransportAddress, type TransportProtocol } from './transport-address';
import { UdpTransport } from './udp-transport';

/** Tries at finding a port number free for both UDP and TCP before giving up. */
const SHARED_PORT_ATTEMPTS = 8;

/** A listen address: `udp|tcp|tls` + host + port (0: the OS picks). Same shape as the engine's ListenSpec. */
export type ListenSpec = TransportAddress;

export interface TransportLayerOptions {
  clock?: Clock;
  /** Certificates for TLS listeners, and the CA list for TLS clients (RFC 5922). */
  tls?: TlsOptions;
  /** How long a TCP connect or TLS handshake may take. Default 10 s. */
  connectTimeoutMs?: number;
  /** Accepted TCP/TLS connections beyond this many are refused. Default 1024. */
  maxInboundConnections?: number;
  /** Close TCP/TLS connections idle this long, unless kept alive (RFC 5626). Default 10 min; 0 never. */
  idleTimeoutMs?: number;
  /** RFC 3261 §18.1.1: the path MTU when known. */
  pathMtu?: number;
  /** Limits for stream framing (header and message size). */
  framer?: StreamFramerOptions;
  /** RFC 3263 §5 for responses to a Via sent-by name (e.g. the locator's); OS lookup when absent. */
  resolveSentBy?: SentByResolver;
  /** Key for flow tokens (RFC 5626 §5.2); random per start when absent. */
  flowKey?: Buffer;
  /** A delegate that threw; the transport carries on. Default: printed to stderr. */
  onInternalError?: (error: unknown) => void;
}

/** What the transaction layer needs per transaction (its TransactionTransport, structurally). */
export interface TransportForTransactions {
  readonly reliable: boolean;
  send(message: SipMessage, destination: TransportAddress): Promise<void>;
}

/**
 * The SIP transport layer (RFC 3261 §18): owns every listener, socket and connection, turns
 * bytes into messages for the delegate, and sends requests and responses by the §18 rules.
 */
export class TransportLayer {
  private readonly clock: Clock;
  private readonly udp: UdpTransport[] = [];
  private readonly streams: StreamListener[] = [];
  private readonly bound: TransportAddress[] = [];
  private readonly connections: ConnectionManager;
  private readonly inbound: Inbound;
  private readonly flowTokens: FlowTokens;
  private readonly sentBy = new Set<string>();
  private readonly keepAlives: FlowKeepAlives;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly delegate: TransportDelegate,
    private readonly options: TransportLayerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.flowTokens = new FlowTokens(options.flowKey);
    this.keepAlives = new FlowKeepAlives(this.clock, (connection, error) => this.reportFlowFailed(connection, error));
    const onInternalError = options.onInternalError ?? ((err: unknown) => console.error('SIP transport: delegate failed:', err));
    this.connections = new ConnectionManager({
      clock: this.clock,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
      maxInboundConnections: options.maxInboundConnections ?? 1024,
      isPinned: (c) => this.keepAlives.has(c),
      tls: options.tls ?? {},
      delegate: { onData: (c, chunk) => this.inbound.streamData(c, chunk), onClose: (c, err) => this.connectionClosed(c, err) },
      localAddressFor: (remote) => {
        // For a name the family is known only after the lookup, so the OS picks the source.
        if (familyOf(remote.host) === undefined) return undefined;
        const l = listenerFor(this.streams, remote.transport, remote.host) ?? listenerFor(this.udp, 'udp', remote.host);
        // A loopback listener cannot source a connection to another host, nor the other way round.
        return l && !isWildcard(l.local.host) && isLoopback(l.local.host) === isLoopback(remote.host) ? l.local.host : undefined;
      },
    });
    this.inbound = new Inbound({
      delegate,
      flowTokens: this.flowTokens,
      framer: options.framer,
      isOurSentBy: (via) => this.isOurSentBy(via),
      onPong: (c) => this.keepAlives.pong(c),
      awaitingPong: (c) => this.keepAlives.awaitingPong(c),
      onStreamRequest: (c, via) => this.aliasConnection(c, via),
      onInternalError,
    });
  }

  /** Binds every listen address; on any failure closes what was bound and rejects with ListenError. */
  static async start(specs: readonly ListenSpec[], delegate: TransportDelegate, options: TransportLayerOptions = {}): Promise<TransportLayer> {
    for (let attempt = 1; ; attempt++) {
      const layer = new TransportLayer(delegate, options);
      let shared = false;
      try {
        for (const spec of specs) {
          const wanted = layer.sharedPort(spec);
          shared = wanted !== spec;
          await layer.listen(wanted);
        }
        return layer;
      } catch (err) {
        await layer.close();
        // The port the OS gave one transport was taken for the other: start over on a new one.
        if (!shared || attempt >= SHARED_PORT_ATTEMPTS) throw err;
      }
    }
  }

  /** The real bound addresses, in the order of the listen specs. */
  get listening(): TransportAddress[] {
    return [...this.bound];
  }

  /** Open TCP/TLS connections, inbound and outbound. */
  get connectionCount(): number {
    return this.connections.table.size;
  }

  isReliable(transport: TransportProtocol): boolean {
    return isReliable(transport);
  }

  /** RFC 3261 §18.1.1: stamps the top Via and sends; resolves with where it went. */
  sendRequest(request: SipRequest, target: RequestTarget, branch?: string): Promise<SentRequest> {
    if (this.closing) return Promise.reject(new TransportClosedError());
    return run(() => sendRequest(this.context(), request, target, branch));
  }

  /** RFC 3261 §18.2.2: sends a response on the request's connection or by its top Via. */
  sendResponse(response: SipResponse, hint?: ResponseHint): Promise<TransportAddress> {
    if (this.closing) return Promise.reject(new TransportClosedError());
    return run(() => sendResponse(this.context(), response, hint));
  }

  /** The transaction layer's `send`: a request to the next hop, a response to where its request came from. */
  async send(message: SipMessage, destination: RequestTarget & ResponseHint): Promise<void> {
    if (message instanceof SipRequest) await this.sendRequest(message, destination);
    else await this.sendResponse(message as SipResponse, destination);
  }

  /** RFC 3261 §18.1.1: the transport `sendRequest` will use for this request (size rule included). */
  transportForRequest(request: SipRequest, target: RequestTarget, branch?: string): TransportProtocol {
    return transportForRequest(this.context(), request, target, branch);
  }

  /** A per-transaction transport for `transport` (RFC 3261 §17: `reliable` picks the timers). */
  transportFor(transport: TransportProtocol): TransportForTransactions {
    return { reliable: isReliable(transport), send: (message, destination) => this.send(message, destination) };
  }

  /**
   * Raw bytes on a flow (RFC 5626 §4.4.2: STUN keep-alives go from the SIP socket itself);
   * replies arrive through the delegate's onStunDatagram.
   */
  sendOnFlow(flowToken: string, data: Buffer): Promise<void> {
    if (this.closing) return Promise.reject(new TransportClosedError());
    return run(async () => {
      const flow = this.flowTokens.decode(flowToken);
      if (!flow) throw new InvalidFlowTokenError();
      if (flow.transport === 'udp') {
        const udp = udpFor(this.context(), flow.remote.host, { transport: 'udp', ...flow.local });
        if (!udp) throw new SendError('The UDP listener of this flow is closed');
        return udp.send(data, flow.remote.host, flow.remote.port);
      }
      const connection = flow.connectionId === undefined ? undefined : this.connections.table.byId(flow.connectionId);
      if (!connection) throw new SendError('The flow is closed (RFC 5626 §5.3)');
      return connection.send(data);
    });
  }

  /**
   * The flow a request to `target` goes on (RFC 5626 §4.2: the flow a registration went on):
   * for TCP/TLS the open connection it would reuse (with its id), for UDP our listener and
   * the remote address; undefined when there is none.
   */
  flowTo(target: TransportAddress): { connectionId?: number; flowToken: string } | undefined {
    if (!isReliable(target.transport)) {
      const udp = udpFor(this.context(), target.host);
      if (!udp) return undefined;
      return { flowToken: this.flowTokens.encode({ transport: 'udp', local: { host: udp.local.host, port: udp.local.port }, remote: { host: normalizeHost(target.host), port: target.port } }) };
    }
    const connection = this.connections.table.find({ transport: target.transport, host: normalizeHost(target.host), port: target.port });
    if (!connection) return undefined;
    return { connectionId: connection.id, flowToken: this.flowTokens.encode({ transport: connection.transport, local: connection.local, remote: connection.remote, connectionId: connection.id }) };
  }

  /** The flow a token names (RFC 5626 §5.2), if we made it. */
  flowOf(token: string): Flow | undefined {
    return this.flowTokens.decode(token);
  }

  /** RFC 5626 §4.4.1: CRLF keep-alives on a TCP/TLS flow; a missing pong closes it and reports it. */
  startKeepAlive(target: { connectionId: number } | { flowToken: string }, options: KeepAliveOptions = {}): KeepAliveHandle {
    const id = 'connectionId' in target ? target.connectionId : this.flowTokens.decode(target.flowToken)?.connectionId;
    const connection = id === undefined ? undefined : this.connections.table.byId(id);
    if (!connection) throw new SendError('CRLF keep-alives need an open TCP or TLS flow (RFC 5626 §4.4.1)');
    return this.keepAlives.start(connection, options);
  }

  /** Closes every listener, socket and connection; resolves when all ports are free. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.keepAlives.stopAll();
      await this.connections.closeAll();
      await Promise.all([...this.streams.map((s) => s.close()), ...this.udp.map((u) => u.close())]);
    })();
    return this.closing;
  }

  /**
   * A URI names one port for UDP and TCP (RFC 3261 §19.1.2, §18.2.1), so a UDP and a TCP
   * listener that both asked for any port (0) on one host take the same number.
   */
  private sharedPort(spec: ListenSpec): ListenSpec {
    if (spec.port !== 0 || spec.transport === 'tls') return spec;
    const host = normalizeHost(spec.host);
    const partner = this.bound.find((b) => b.transport !== spec.transport && b.transport !== 'tls' && normalizeHost(b.host) === host);
    return partner ? { ...spec, port: partner.port } : spec;
  }

  private async listen(spec: ListenSpec): Promise<void> {
    if (spec.transport === 'udp') {
      const udp = await UdpTransport.bind(spec.host, spec.port, (data, remote, socket) => this.inbound.datagram(data, remote, socket));
      this.udp.push(udp);
      this.bound.push(udp.local);
      return;
    }
    let listener: StreamListener;
    if (spec.transport === 'tcp') {
      listener = await listenTcp(spec.host, spec.port, (s) => this.connections.adopt(s, 'tcp'));
    } else {
      const tls = this.options.tls ?? {};
      if (!tls.cert || !tls.key) throw new ListenError(spec, new Error('a TLS listener needs a certificate and key (options.tls)'));
      listener = await listenTls(spec.host, spec.port, tls, (s) => this.connections.adopt(s, 'tls'));
    }
    this.streams.push(listener);
    this.bound.push(listener.local);
  }

  private context(): Parameters<typeof sendRequest>[0] {
    return {
      udp: this.udp,
      streams: this.streams,
      connections: this.connections,
      flowTokens: this.flowTokens,
      pathMtu: this.options.pathMtu,
      resolveSentBy: this.options.resolveSentBy,
      noteSentBy: (host, port) => this.sentBy.add(`${normalizeHost(host)}|${port}`),
    };
  }

  /** RFC 3261 §18.1.2: sent-by values we insert: our listeners and what we advertised. */
  private isOurSentBy(via: Via): boolean {
    const port = via.port ?? defaultPort(via.transport.toLowerCase() === 'tls' ? 'tls' : 'udp');
    const key = `${normalizeHost(via.host)}|${port}`;
    return this.sentBy.has(key) || this.listening.some((l) => `${normalizeHost(l.host)}|${l.port}` === key);
  }

  /**
   * A request on a connection makes it reachable under its Via sent-by too (RFC 5923 §5 `alias`,
   * or a sent-by whose host is the connection's own source address), so in-dialog requests
   * to the peer's advertised address reuse it.
   */
  private aliasConnection(connection: StreamConnection, via: Via): void {
    // RFC 5923 §5.2: reusing an accepted TLS connection for our requests would skip the server
    // identity check (RFC 5922), so TLS peers are reached by a new connection or a flow token.
    if (connection.transport === 'tls' && !connection.outbound) return;
    const host = normalizeHost(via.host);
    if (!via.params.has('alias') && host !== connection.remote.host) return;
    this.connections.table.alias({ transport: connection.transport, host, port: via.port ?? defaultPort(connection.transport) }, connection);
  }

  private connectionClosed(connection: StreamConnection, error?: Error): void {
    this.connections.forget(connection);
    this.inbound.streamClosed(connection);
    this.keepAlives.connectionClosed(connection, error, !this.closing);
  }

  private reportFlowFailed(connection: StreamConnection, error: TransportError): void {
    const flowToken = this.flowTokens.encode({ transport: connection.transport, local: connection.local, remote: connection.remote, connectionId: connection.id });
    try {
      this.delegate.onFlowFailed?.({ transport: connection.transport, ...connection.remote, connectionId: connection.id, flowToken }, error);
    } catch (err) {
      (this.options.onInternalError ?? console.error)(err);
    }
  }
}

/** Runs a send so that nothing escapes but a TransportError rejection. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw describeSendFailure(err);
  }
}
