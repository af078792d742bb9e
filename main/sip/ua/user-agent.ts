import { systemClock, type Clock } from '../../lib/clock';
import { DigestClient, MemoryCredentialStore } from '../auth';
import { DialogError, dialogKey, randomCSeq, type Dialog } from '../dialog';
import {
  createErrorResponse,
  createRequest,
  createResponse,
  createVia,
  formatNameAddr,
  formatUri,
  formatVia,
  generateBranch,
  generateCallId,
  generateTag,
  parseUri,
  viaWithParam,
  type BodyInit,
  type HeaderInit,
  type SipParseError,
  type SipRequest,
  type SipResponse,
  type Uri,
} from '../message';
import type { SipLocator } from '../locator';
import { answerBindingRequest } from '../../nat/stun';
import {
  TransactionLayer,
  type InviteServerTransaction,
  type ServerTransaction,
  type TransactionTimeoutError,
  type TransactionTransportError,
} from '../transaction';
import { TransportLayer, advertisedHost, type FailedFlow, type InboundSource, type TransportAddress, type TransportError, type TransportProtocol } from '../transport';
import { BASE_ACCEPT, CORE_METHODS, SUPPORTED_OPTION_TAGS, featureTags } from './capabilities';
import { ClientRequest, type ClientRequestOptions, type ClientResult } from './client-request';
import type { DialogDelegate, IncomingContext, RequestHandler } from './incoming';
import { resolveNextHop, type HopTarget } from './next-hop';
import { checkRequest } from './uas-checks';
import type { UaCore } from './ua-core';
import type { UserAgentOptions } from './user-agent-options';

export interface ResponseInit {
  reason?: string;
  headers?: HeaderInit;
  body?: BodyInit;
  /** Add our Contact (dialog-creating and target-refresh responses, OPTIONS). */
  contact?: boolean;
}

export interface ServerTransactionWatcher {
  /** RFC 3261 §13.3.1.4: no ACK came for our 2xx (or Timer H fired). */
  timeout?(error: TransactionTimeoutError): void;
  transportError?(error: TransactionTransportError): void;
  /** RFC 3261 §9.2: a CANCEL matched this INVITE; answer the INVITE with 487. */
  cancelled?(cancel: SipRequest): void;
}

/**
 * The SIP user agent core (RFC 3261 §8, §12, §13): owns the transport and transaction
 * layers, answers what it can itself (OPTIONS, errors), hands out-of-dialog requests to the
 * handler of their method and in-dialog requests to the dialog's owner, and sends requests
 * with authentication and failover.
 */
export class UserAgent implements UaCore {
  readonly clock: Clock;
  readonly digest: DigestClient;
  readonly locator: SipLocator | undefined;
  /** Set by the engine from the account's proxy; see UaCore. */
  outboundProxy: Uri | undefined;
  readonly transactions: TransactionLayer;
  private transportLayer: TransportLayer | undefined;
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly dialogs = new Map<string, { dialog: Dialog; delegate: DialogDelegate }>();
  private readonly forkHandlers = new Map<string, RequestHandler>();
  private readonly watchers = new WeakMap<ServerTransaction, ServerTransactionWatcher>();
  private readonly toTags = new WeakMap<ServerTransaction, string>();
  private readonly events = new Set<string>();
  private readonly accept = new Set(BASE_ACCEPT);
  private readonly onInternalError: (error: unknown) => void;
  private readonly flowListeners = new Set<(flow: FailedFlow, error: TransportError) => void>();
  private readonly stunListeners = new Set<(data: Buffer) => boolean>();

  private constructor(private readonly options: UserAgentOptions) {
    this.clock = options.clock ?? systemClock;
    this.locator = options.locator;
    this.digest = new DigestClient({ credentials: options.credentials ?? new MemoryCredentialStore() });
    this.onInternalError = options.onInternalError ?? ((err) => console.error('SIP user agent:', err));
    this.transactions = new TransactionLayer({
      user: {
        receiveRequest: (request, tx, ctx) => this.guard(() => this.receiveRequest(request, tx, ctx as IncomingContext), () => this.answerFailure(tx)),
        receiveAck: (ack) => this.guard(() => this.receiveAck(ack)),
        serverTimeout: (tx, error) => this.guard(() => this.watchers.get(tx)?.timeout?.(error)),
        serverTransportError: (tx, error) => this.guard(() => this.watchers.get(tx)?.transportError?.(error)),
      },
      clock: this.clock,
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  /** Binds every listen address and starts answering. */
  static async start(options: UserAgentOptions): Promise<UserAgent> {
    const ua = new UserAgent(options);
    ua.transportLayer = await TransportLayer.start(
      options.listen,
      {
        onRequest: (request, source) => ua.transactions.receiveRequest(request, ua.transport.transportFor(source.transport), source),
        onResponse: (response) => ua.transactions.receiveResponse(response),
        onMalformedRequest: (error, source) => ua.answerMalformed(error, source),
        // RFC 5626 §4.4.1: a flow kept alive died (no pong, or closed); registrations on it recover.
        onFlowFailed: (flow, error) => {
          for (const listener of ua.flowListeners) ua.guard(() => listener(flow, error));
        },
        // RFC 5626 §4.4.2, §8: STUN Binding keep-alives on a SIP UDP port are answered here.
        onStunDatagram: (data, source, reply) => {
          const answer = answerBindingRequest(data, { address: source.host, port: source.port }, { software: options.product });
          if (answer) reply(answer).catch(() => undefined);
          // answers to our own keep-alives (RFC 5626 §4.4.2) go to whoever waits for them
          else for (const listener of ua.stunListeners) if (listener(data)) break;
        },
      },
      { clock: ua.clock, ...(options.tls ? { tls: options.tls } : {}), onInternalError: ua.onInternalError },
    );
    return ua;
  }

  /** Calls `listener` when a kept-alive flow fails (RFC 5626 §4.4.1); returns how to stop. */
  onFlowFailed(listener: (flow: FailedFlow, error: TransportError) => void): () => void {
    this.flowListeners.add(listener);
    return () => void this.flowListeners.delete(listener);
  }

  /** Offers STUN messages other than Binding requests on a SIP port to `listener` (true: taken); returns how to stop. */
  onStunResponse(listener: (data: Buffer) => boolean): () => void {
    this.stunListeners.add(listener);
    return () => void this.stunListeners.delete(listener);
  }

  get transport(): TransportLayer {
    if (!this.transportLayer) throw new Error('The user agent is not started');
    return this.transportLayer;
  }

  get listening(): TransportAddress[] {
    return this.transportLayer?.listening ?? [];
  }

  get product(): string {
    return this.options.product;
  }

  /** Our address without a server: `sip:user@host:port` of the first listener. */
  get localUri(): string {
    const first = this.listening[0];
    if (!first) return `sip:${this.options.user}@localhost`;
    return `sip:${this.options.user}@${hostPort(advertisedHost(first.host, '127.0.0.1'), first.port)}${first.transport === 'udp' ? '' : `;transport=${first.transport}`}`;
  }

  /** Methods we answer: the core's and those with a handler (RFC 3261 §20.5 Allow). */
  get allowedMethods(): string[] {
    // BYE ends sessions we accept and ones we placed (RFC 3261 §15), so it is allowed while any dialog lasts
    return [...new Set([...CORE_METHODS, ...this.handlers.keys(), ...(this.handlers.has('INVITE') || this.dialogs.size > 0 ? ['BYE'] : [])])];
  }

  /** Registers the handler for out-of-dialog requests of `method`. */
  handle(method: string, handler: RequestHandler): void {
    this.handlers.set(method.toUpperCase(), handler);
  }

  /** Adds an event package we serve (Allow-Events, RFC 6665 §8.2.2) or a body type we read. */
  advertise(what: { event?: string; accept?: string }): void {
    if (what.event) this.events.add(what.event);
    if (what.accept) this.accept.add(what.accept);
  }

  addDialog(dialog: Dialog, delegate: DialogDelegate): void {
    this.dialogs.set(dialog.key, { dialog, delegate });
  }

  removeDialog(dialog: Dialog): void {
    if (this.dialogs.get(dialog.key)?.dialog === dialog) this.dialogs.delete(dialog.key);
  }

  /**
   * RFC 6665 §4.1.2.4, §5.4.9: a request we sent (a SUBSCRIBE) may create dialogs we learn of only
   * from an in-dialog request: a NOTIFY from another fork, or one that overtook the 2xx. Requests
   * whose To tag matches no dialog but whose Call-ID and To tag are `callId` and our From tag
   * `localTag` go to `handler`, which may add the dialog. Returns the function that stops this.
   */
  acceptForks(callId: string, localTag: string, handler: RequestHandler): () => void {
    const key = `${callId}\n${localTag}`;
    this.forkHandlers.set(key, handler);
    return () => {
      if (this.forkHandlers.get(key) === handler) this.forkHandlers.delete(key);
    };
  }

  /** Follows one server transaction: ACK timeouts, transport failures, CANCEL. */
  watch(tx: ServerTransaction, watcher: ServerTransactionWatcher): void {
    this.watchers.set(tx, watcher);
  }

  /** The To tag this UA uses in every response of `tx` (one dialog per request, RFC 3261 §12.1.1). */
  toTagFor(tx: ServerTransaction): string {
    let tag = this.toTags.get(tx);
    if (!tag) {
      tag = tx.request.toTag ?? generateTag();
      this.toTags.set(tx, tag);
    }
    return tag;
  }

  /** The address of ours that `remoteHost` can reach (for Contact and for media in SDP). */
  localHostFor(remoteHost: string, transport: TransportProtocol = 'udp'): string {
    const listener = this.listening.find((l) => l.transport === transport) ?? this.listening[0];
    return advertisedHost(listener?.host ?? '0.0.0.0', remoteHost);
  }

  /** Our Contact for a message that travels on `transport` towards `remoteHost`. */
  contact(transport: TransportProtocol, remoteHost: string, params = ''): string {
    const listener = this.listening.find((l) => l.transport === transport) ?? this.listening[0];
    if (!listener) throw new Error('The user agent has no listener');
    const host = advertisedHost(listener.host, remoteHost);
    const t = listener.transport === 'udp' ? '' : `;transport=${listener.transport}`;
    return `<sip:${this.options.user}@${hostPort(host, listener.port)}${t}>${params}`;
  }

  /** Answers `tx` (RFC 3261 §8.2.6): To tag, Server, and Contact when asked. */
  respond(tx: ServerTransaction, status: number, init: ResponseInit = {}): SipResponse {
    const headers: (readonly [string, string | number])[] = [['Server', this.options.product]];
    if (init.contact) headers.push(['Contact', this.contact(tx.source.transport, tx.source.host)]);
    headers.push(...(init.headers ?? []));
    const response = createResponse(tx.request, status, {
      toTag: this.toTagFor(tx),
      recordRoute: status > 100 && status < 300,
      headers,
      ...(init.reason ? { reason: init.reason } : {}),
      ...(init.body ? { body: init.body } : {}),
    });
    tx.respond(response);
    return response;
  }

  /**
   * A request outside any dialog (RFC 3261 §8.1.1): new Call-ID, From tag and CSeq, our
   * Contact for methods that need one, User-Agent.
   */
  createRequest(
    method: string,
    target: Uri | string,
    init: { from?: string; to?: string; headers?: HeaderInit; body?: BodyInit; callId?: string; cseq?: number; contact?: string | false } = {},
  ): SipRequest {
    const uriText = typeof target === 'string' ? target : formatUri(target);
    const from = init.from ?? this.fromHeader();
    const headers: (readonly [string, string | number])[] = [
      ['From', `${from};tag=${generateTag()}`],
      ['To', init.to ?? `<${uriText}>`],
      ['Call-ID', init.callId ?? generateCallId()],
      ['CSeq', `${init.cseq ?? randomCSeq()} ${method}`],
      ['Max-Forwards', 70],
    ];
    const needsContact = ['INVITE', 'SUBSCRIBE', 'REFER', 'REGISTER', 'NOTIFY', 'UPDATE'].includes(method);
    if (init.contact !== false && (init.contact !== undefined || needsContact)) {
      headers.push(['Contact', init.contact || this.contact(transportOf(uriText), hostOf(uriText))]);
    }
    headers.push(['User-Agent', this.options.product], ...(init.headers ?? []));
    return createRequest(method, target, headers, init.body);
  }

  /** Sends a request and resolves with its final response (see ClientRequest). */
  send(request: SipRequest, options: ClientRequestOptions = {}): Promise<ClientResult> {
    return new ClientRequest(this, request, options).send();
  }

  /** A ClientRequest to keep (an INVITE that may be cancelled). */
  clientRequest(request: SipRequest, options: ClientRequestOptions = {}): ClientRequest {
    return new ClientRequest(this, request, options);
  }

  /**
   * RFC 3261 §13.2.2.4: the ACK for a 2xx, sent by the TU straight to the dialog's next hop
   * (no transaction); resend the same bytes for each retransmitted 2xx.
   */
  async sendAck(dialog: Dialog, inviteCSeq: number, init: { body?: BodyInit; target?: HopTarget } = {}): Promise<SipRequest> {
    const ack = dialog.createRequest('ACK', { cseq: inviteCSeq, headers: [['User-Agent', this.options.product]], ...(init.body ? { body: init.body } : {}) });
    const target = init.target ?? (await this.firstHop(dialog.nextHop()));
    ack.prependHeader('Via', formatVia(createVia({ transport: target.transport.toUpperCase(), host: '0.0.0.0', branch: generateBranch(), rport: true })));
    await this.transport.sendRequest(ack, target);
    return ack;
  }

  /** Resends an ACK built by sendAck (for a retransmitted 2xx). */
  async resendAck(ack: SipRequest, target: HopTarget): Promise<void> {
    await this.transport.sendRequest(ack, target);
  }

  /** The first target for a URI (numeric or resolved), for requests that skip failover. */
  async firstHop(uri: Uri): Promise<HopTarget> {
    const r = await resolveNextHop(uri, this.locator);
    const first = r.ok ? r.targets.next() : undefined;
    if (!first) throw new Error(r.ok ? `no address for ${formatUri(uri)}` : r.reason);
    return first;
  }

  async close(): Promise<void> {
    this.transactions.dispose();
    await this.transportLayer?.close();
  }

  private fromHeader(): string {
    const name = this.options.displayName;
    const uri = this.options.identity ?? this.localUri.replace(/;transport=\w+$/, '');
    return name ? formatNameAddr({ displayName: name, uri: parseUriOrThrow(uri), params: new Map() }) : `<${uri}>`;
  }

  private receiveRequest(request: SipRequest, tx: ServerTransaction, context: IncomingContext): void {
    const problem = checkRequest(request, {
      allowed: new Set(this.allowedMethods),
      supported: SUPPORTED_OPTION_TAGS,
      toTag: this.toTagFor(tx),
      headers: [['Server', this.options.product]],
    });
    if (problem) {
      tx.respond(problem);
      return;
    }
    if (request.method === 'CANCEL') return this.receiveCancel(request, tx, context);
    if (request.toTag !== undefined) return this.receiveInDialog(request, tx, context);
    if (request.method === 'OPTIONS') return this.answerOptions(tx);
    const handler = this.handlers.get(request.method);
    if (!handler) {
      // BYE and other in-dialog methods outside a dialog (RFC 3261 §15.1.2, §12.2.2).
      this.respond(tx, 481);
      return;
    }
    handler(request, tx, context);
  }

  /** RFC 3261 §9.2: 200 to the CANCEL, and the INVITE's owner answers the INVITE with 487. */
  private receiveCancel(cancel: SipRequest, tx: ServerTransaction, context: IncomingContext): void {
    const invite: InviteServerTransaction | undefined = context.cancels;
    if (!invite) {
      this.respond(tx, 481);
      return;
    }
    this.respond(tx, 200);
    const finalSent = (invite.lastResponse?.status ?? 0) >= 200;
    if (!finalSent) this.watchers.get(invite)?.cancelled?.(cancel);
  }

  /** RFC 3261 §12.2.2: requests with a To tag belong to a dialog, or get 481. */
  private receiveInDialog(request: SipRequest, tx: ServerTransaction, context: IncomingContext): void {
    const entry = this.dialogs.get(dialogKey({ callId: request.callId, localTag: request.toTag as string, remoteTag: request.fromTag ?? '' }));
    if (!entry) {
      const forks = this.forkHandlers.get(`${request.callId}\n${request.toTag as string}`);
      if (forks) return forks(request, tx, context);
      // RFC 3261 §11.2 allows OPTIONS in or out of a dialog; answer it anyway.
      if (request.method === 'OPTIONS') return this.answerOptions(tx);
      this.respond(tx, 481);
      return;
    }
    try {
      entry.dialog.receiveRequest(request);
    } catch (err) {
      if (err instanceof DialogError) {
        this.respond(tx, err.status ?? 500, { reason: err.message });
        return;
      }
      throw err;
    }
    if (request.method === 'OPTIONS') return this.answerOptions(tx);
    entry.delegate.receiveRequest(request, tx, context);
  }

  private receiveAck(ack: SipRequest): void {
    const entry = this.dialogs.get(dialogKey({ callId: ack.callId, localTag: ack.toTag ?? '', remoteTag: ack.fromTag ?? '' }));
    entry?.delegate.receiveAck?.(ack);
  }

  /** RFC 3261 §11.2: what we can do — Allow, Accept, Supported, and RFC 3840 feature tags in Contact. */
  private answerOptions(tx: ServerTransaction): void {
    const methods = this.allowedMethods;
    const headers: [string, string][] = [
      ['Allow', methods.join(', ')],
      ['Accept', [...this.accept].join(', ')],
      ['Accept-Encoding', 'identity'],
      ['Accept-Language', 'en'],
      ['Supported', SUPPORTED_OPTION_TAGS.join(', ')],
      ['Contact', this.contact(tx.source.transport, tx.source.host, featureTags(methods, [...this.events]))],
    ];
    if (this.events.size > 0) headers.push(['Allow-Events', [...this.events].join(', ')]);
    this.respond(tx, 200, { headers });
  }

  /** RFC 3261 §8.2, §21.4.1: a malformed request gets 400 (or 416/505) naming the fault. */
  private answerMalformed(error: SipParseError, source: InboundSource): void {
    const response = createErrorResponse(error, generateTag());
    if (!response) return;
    response.appendHeader('Server', this.options.product);
    // RFC 3261 §18.2.1, RFC 3581 §4: the request never reached the transaction layer, so stamp received/rport here.
    const [top, ...rest] = response.via;
    if (top) {
      let via = viaWithParam(top, 'received', source.host);
      if (top.rport !== undefined) via = viaWithParam(via, 'rport', String(source.port));
      response.setHeader('Via', [formatVia(via), ...rest.map(formatVia)]);
    }
    this.transport.sendResponse(response, source).catch(() => undefined);
  }

  private guard(fn: () => void, recover?: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onInternalError(err);
      recover?.();
    }
  }

  /** A handler failed: the request still gets a final answer (500) instead of timing out. */
  private answerFailure(tx: ServerTransaction): void {
    if ((tx.lastResponse?.status ?? 0) >= 200 || tx.request.method === 'ACK') return;
    try {
      this.respond(tx, 500, { reason: 'Server Internal Error' });
    } catch (err) {
      this.onInternalError(err);
    }
  }
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function transportOf(uri: string): TransportProtocol {
  if (uri.startsWith('sips:')) return 'tls';
  const m = /;transport=(tcp|tls|udp)/i.exec(uri);
  return (m?.[1]?.toLowerCase() as TransportProtocol | undefined) ?? 'udp';
}

function hostOf(uri: string): string {
  const m = /^sips?:(?:[^@]*@)?(\[[^\]]+\]|[^:;>?]+)/i.exec(uri);
  const host = m?.[1] ?? '';
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

function parseUriOrThrow(text: string): Uri {
  const r = parseUri(text);
  if (!r.ok) throw new Error(`bad local URI ${text}: ${r.error.reason}`);
  return r.value;
}
