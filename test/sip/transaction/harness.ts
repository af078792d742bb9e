import type { Clock } from '../../../main/lib/clock';
import { createRequest, createResponse, type SipMessage, type SipRequest, type SipResponse } from '../../../main/sip/message';
import type {
  ClientTransactionUser,
  Destination,
  IncomingRequestContext,
  ServerTransaction,
  TransactionError,
  TransactionTransport,
  TransactionUser,
} from '../../../main/sip/transaction';

export const BOB: Destination = { transport: 'udp', host: '192.0.2.4', port: 5060 };
export const ALICE: Destination = { transport: 'udp', host: '192.0.2.1', port: 5060 };

/** Settles pending promise callbacks (transport rejections reach transactions there). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface RequestInit {
  method?: string;
  branch?: string;
  /** Top Via sent-by; `pc33.atlanta.example.com` unless given. */
  sentBy?: string;
  /** Whole top Via value, overriding branch and sentBy. */
  via?: string;
  fromTag?: string;
  toTag?: string;
  callId?: string;
  cseq?: number;
  cseqMethod?: string;
  uri?: string;
  route?: string[];
}

/** A request like RFC 3665's INVITE from Alice to Bob. */
export function request(init: RequestInit = {}): SipRequest {
  const method = init.method ?? 'INVITE';
  const via = init.via ?? `SIP/2.0/UDP ${init.sentBy ?? 'pc33.atlanta.example.com'};branch=${init.branch ?? 'z9hG4bK74bf9'}`;
  const headers: [string, string][] = [
    ['Via', via],
    ['Max-Forwards', '70'],
    ...(init.route ?? []).map((r): [string, string] => ['Route', r]),
    ['From', `Alice <sip:alice@atlanta.example.com>;tag=${init.fromTag ?? '9fxced76sl'}`],
    ['To', `Bob <sip:bob@biloxi.example.com>${init.toTag ? `;tag=${init.toTag}` : ''}`],
    ['Call-ID', init.callId ?? '3848276298220188511@atlanta.example.com'],
    ['CSeq', `${init.cseq ?? 1} ${init.cseqMethod ?? method}`],
  ];
  if (method === 'INVITE') headers.push(['Contact', '<sip:alice@pc33.atlanta.example.com>']);
  return createRequest(method, init.uri ?? 'sip:bob@biloxi.example.com', headers);
}

export function response(to: SipRequest, status: number, toTag: string | undefined = status === 100 ? undefined : '8321234356'): SipResponse {
  return createResponse(to, status, toTag === undefined ? {} : { toTag });
}

/** One message as the tests assert on it: time, start line and, for requests, the CSeq. */
function summary(at: number, message: SipMessage): string {
  return `${at} ${message.startLine()}`;
}

/** A transport that records what it is given and resolves, or rejects with `failure` when set. */
export class RecordingTransport implements TransactionTransport {
  readonly sent: { at: number; message: SipMessage; destination: Destination }[] = [];
  failure: Error | undefined;
  /** When true, sends stay pending until `rejectHeld` (a transport slow to report a failure). */
  hold = false;
  private readonly held: ((err: Error) => void)[] = [];

  constructor(
    private readonly clock: Clock,
    readonly reliable = false,
  ) {}

  send(message: SipMessage, destination: Destination): Promise<void> {
    this.sent.push({ at: this.clock.now(), message, destination });
    if (this.hold) return new Promise((_resolve, reject) => this.held.push(reject));
    return this.failure ? Promise.reject(this.failure) : Promise.resolve();
  }

  rejectHeld(err: Error): void {
    for (const reject of this.held.splice(0)) reject(err);
  }

  /** `"<ms> <start line>"` for every message sent. */
  lines(): string[] {
    return this.sent.map((s) => summary(s.at, s.message));
  }

  /** Times at which messages whose start line starts with `prefix` were sent. */
  timesOf(prefix: string): number[] {
    return this.sent.filter((s) => s.message.startLine().startsWith(prefix)).map((s) => s.at);
  }

  last(): SipMessage | undefined {
    return this.sent.at(-1)?.message;
  }
}

function describeError(error: TransactionError): string {
  return error.name === 'TransactionTimeoutError' ? `timeout ${(error as { timer: string }).timer} ${error.status}` : `transport-error ${error.status}`;
}

/** A client TU that logs what reaches it, with the time. */
export class RecordingClientUser implements ClientTransactionUser {
  readonly events: string[] = [];
  readonly responses: SipResponse[] = [];

  constructor(private readonly clock: Clock) {}

  receiveResponse(r: SipResponse): void {
    this.responses.push(r);
    this.events.push(`${this.clock.now()} response ${r.status}${r.toTag ? ` tag=${r.toTag}` : ''}`);
  }
  timeout(error: TransactionError): void {
    this.events.push(`${this.clock.now()} ${describeError(error)}`);
  }
  transportError(error: TransactionError): void {
    this.events.push(`${this.clock.now()} ${describeError(error)}`);
  }
}

/** The layer's TU: logs, and answers new requests with `answer` when set. */
export class RecordingUser implements TransactionUser {
  readonly events: string[] = [];
  readonly requests: { request: SipRequest; transaction: ServerTransaction; context: IncomingRequestContext }[] = [];
  readonly acks: SipRequest[] = [];
  answer: ((request: SipRequest, transaction: ServerTransaction) => void) | undefined;

  constructor(private readonly clock: Clock) {}

  receiveRequest(r: SipRequest, transaction: ServerTransaction, context: IncomingRequestContext): void {
    this.requests.push({ request: r, transaction, context });
    this.events.push(`${this.clock.now()} request ${r.method}${context.cancels ? ' (cancels)' : ''}`);
    this.answer?.(r, transaction);
  }
  receiveAck(ack: SipRequest): void {
    this.acks.push(ack);
    this.events.push(`${this.clock.now()} ack`);
  }
  serverTimeout(_tx: ServerTransaction, error: TransactionError): void {
    this.events.push(`${this.clock.now()} ${describeError(error)}`);
  }
  serverTransportError(_tx: ServerTransaction, error: TransactionError): void {
    this.events.push(`${this.clock.now()} ${describeError(error)}`);
  }
}
