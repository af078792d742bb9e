import { systemClock, type Clock, type TimerHandle } from '../../lib/clock';
import { decodeAddress, decodeXorAddress } from './address-attributes';
import { STUN_ATTR, STUN_METHOD } from './constants';
import { decodeStunMessage, looksLikeStun } from './decode';
import { encodeStunMessage } from './encode';
import { decodeErrorCode } from './error-code';
import {
  StunBadResponseError,
  StunErrorResponseError,
  StunIntegrityError,
  StunTimeoutError,
  StunTransportError,
  type StunTransactionError,
} from './errors';
import { verifyFingerprint } from './fingerprint';
import { verifyMessageIntegrity } from './integrity';
import type { IpPort, TransportAddress } from './ip-bytes';
import { retransmissionSchedule, type RetransmissionOptions } from './retransmission';
import { findAttribute, type DecodedStunMessage, type StunAttribute } from './stun-message';
import { textAttribute } from './text-attributes';
import { randomTransactionId } from './transaction-id';
import { decodeUnknownAttributes } from './unknown-attributes';

/** Where a request goes: an IP address and port. */
export type StunServerAddress = IpPort;

/** Sends one datagram on the caller's socket (shared with SIP or RTP); may reject. */
export type StunSend = (data: Buffer, destination: StunServerAddress) => void | Promise<void>;

export interface BindingClientOptions extends RetransmissionOptions {
  send: StunSend;
  clock?: Clock;
  /** RFC 8489 §14.14: SOFTWARE in every request. */
  software?: string;
  /** RFC 8489 §14.7: FINGERPRINT in requests, so STUN stands apart on a socket shared with other protocols. */
  fingerprint?: boolean;
  /** Test hook: transaction IDs (default: 96 random bits, RFC 8489 §5). */
  transactionId?: () => Buffer;
}

export interface BindingRequestOptions {
  /** RFC 8489 §9.1: short-term credentials: USERNAME and MESSAGE-INTEGRITY with this key. */
  shortTerm?: { readonly username: string; readonly key: Buffer };
  /** More attributes for the request (ICE PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, …). */
  attributes?: readonly StunAttribute[];
}

/** A Binding transaction that succeeded. */
export interface BindingSuccess {
  /** RFC 8489 §14.2 (or §14.1 from an RFC 3489-era server): the server-reflexive transport address. */
  readonly mapped: TransportAddress;
  readonly server: StunServerAddress;
  /** Requests sent, retransmissions included. */
  readonly attempts: number;
  /** From the first send to the response, in clock ms. */
  readonly elapsedMs: number;
  readonly response: DecodedStunMessage;
}

export type BindingOutcome = { ok: true; value: BindingSuccess } | { ok: false; error: StunTransactionError };

interface Transaction {
  readonly id: string;
  readonly request: Buffer;
  readonly server: StunServerAddress;
  readonly shortTerm: BindingRequestOptions['shortTerm'];
  readonly started: number;
  attempts: number;
  discardedForIntegrity: number;
  timer?: TimerHandle;
  finish(outcome: BindingOutcome): void;
}

/**
 * RFC 8489 §6.2.1 and §6.3: Binding requests over UDP, retransmitted with an RTO that doubles,
 * Rc requests, then Rm·RTO of waiting. It owns no socket: the caller sends through `send` and
 * passes every datagram it receives to `handle`, which takes only the responses it is waiting for.
 */
export class StunBindingClient {
  private readonly clock: Clock;
  private readonly transactions = new Map<string, Transaction>();
  private closed = false;

  constructor(private readonly options: BindingClientOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Runs one Binding transaction to `server`; resolves with the mapped address or a named error,
   * never rejects. Throws StunEncodeError at once for a SOFTWARE or USERNAME too long to send.
   */
  request(server: StunServerAddress, options: BindingRequestOptions = {}): Promise<BindingOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: new StunTransportError('the STUN client is closed') });
    const transactionId = (this.options.transactionId ?? randomTransactionId)();
    const attributes: StunAttribute[] = [];
    if (this.options.software !== undefined) attributes.push(textAttribute(STUN_ATTR.SOFTWARE, this.options.software));
    if (options.shortTerm) attributes.push(textAttribute(STUN_ATTR.USERNAME, options.shortTerm.username));
    attributes.push(...(options.attributes ?? []));
    const request = encodeStunMessage(
      { method: STUN_METHOD.BINDING, messageClass: 'request', transactionId, attributes },
      { integrityKey: options.shortTerm?.key, fingerprint: this.options.fingerprint },
    );
    const schedule = retransmissionSchedule(this.options);
    return new Promise<BindingOutcome>((resolve) => {
      const transaction: Transaction = {
        id: transactionId.toString('hex'),
        request,
        server,
        shortTerm: options.shortTerm,
        started: this.clock.now(),
        attempts: 0,
        discardedForIntegrity: 0,
        finish: (outcome) => {
          if (!this.transactions.delete(transaction.id)) return;
          this.clock.clearTimeout(transaction.timer);
          resolve(outcome);
        },
      };
      this.transactions.set(transaction.id, transaction);
      const step = (index: number): void => {
        if (index < schedule.sends.length) {
          this.transmit(transaction);
          if (!this.transactions.has(transaction.id)) return;
          const next = index + 1 < schedule.sends.length ? schedule.sends[index + 1]! : schedule.timeout;
          transaction.timer = this.clock.setTimeout(() => step(index + 1), next - schedule.sends[index]!);
          return;
        }
        const elapsed = this.clock.now() - transaction.started;
        // RFC 8489 §9.1.4: responses with bad integrity were discarded as if never received; say so rather than "timeout"
        const error = transaction.discardedForIntegrity > 0 ? new StunIntegrityError(transaction.discardedForIntegrity) : new StunTimeoutError(transaction.attempts, elapsed);
        transaction.finish({ ok: false, error });
      };
      step(0);
    });
  }

  /**
   * Offers a received datagram. Returns true when it was a response to one of our transactions
   * (the caller then drops it); false for anything else (SIP, RTP, other STUN).
   */
  handle(data: Uint8Array): boolean {
    if (this.transactions.size === 0 || !looksLikeStun(data)) return false;
    const decoded = decodeStunMessage(data);
    if (!decoded.ok) return false;
    const message = decoded.value;
    const transaction = this.transactions.get(message.transactionId.toString('hex'));
    // RFC 8489 §6.3: a response whose transaction ID matches no outstanding transaction is discarded
    if (!transaction || message.method !== STUN_METHOD.BINDING) return false;
    if (message.messageClass !== 'success' && message.messageClass !== 'error') return false;
    // RFC 8489 §7: a message whose FINGERPRINT does not check is not STUN (for us)
    if (verifyFingerprint(message) === 'invalid') return false;
    this.process(transaction, message);
    return true;
  }

  /** Ends every transaction in progress with a StunTransportError; later requests fail at once. */
  close(): void {
    this.closed = true;
    for (const transaction of [...this.transactions.values()]) transaction.finish({ ok: false, error: new StunTransportError('the STUN client was closed') });
  }

  private transmit(transaction: Transaction): void {
    transaction.attempts++;
    let sent: void | Promise<void>;
    try {
      sent = this.options.send(transaction.request, transaction.server);
    } catch (cause) {
      transaction.finish({ ok: false, error: new StunTransportError(`sending the Binding request failed: ${describe(cause)}`, { cause }) });
      return;
    }
    if (sent instanceof Promise) {
      sent.catch((cause: unknown) =>
        transaction.finish({ ok: false, error: new StunTransportError(`sending the Binding request failed: ${describe(cause)}`, { cause }) }),
      );
    }
  }

  private process(transaction: Transaction, message: DecodedStunMessage): void {
    const elapsedMs = this.clock.now() - transaction.started;
    if (message.messageClass === 'error') {
      const errorCode = findAttribute(message, STUN_ATTR.ERROR_CODE);
      const code = errorCode ? decodeErrorCode(errorCode.value) : undefined;
      // RFC 8489 §6.3.4: an error response without a usable ERROR-CODE is treated as 500
      const { code: number, reason } = code?.ok ? code.value : { code: 500, reason: 'Server Error (no ERROR-CODE)' };
      // RFC 8489 §9.1.4: with short-term credentials, only 400 and 401 may come without integrity
      if (transaction.shortTerm && number !== 400 && number !== 401 && !this.integrityHolds(transaction, message)) return;
      const unknown = findAttribute(message, STUN_ATTR.UNKNOWN_ATTRIBUTES);
      const listed = unknown ? decodeUnknownAttributes(unknown.value) : undefined;
      // RFC 8489 §6.3.4: a 3xx fails the transaction; the caller may retry at ALTERNATE-SERVER (§10), which
      // §14.8 trusts only from a response with valid integrity, so without credentials it is not passed on
      const alternate = number >= 300 && number < 400 && transaction.shortTerm ? findAttribute(message, STUN_ATTR.ALTERNATE_SERVER) : undefined;
      const alternateServer = alternate ? decodeAddress(alternate.value) : undefined;
      const error = new StunErrorResponseError(number, reason, listed?.ok ? listed.value : [], alternateServer?.ok ? alternateServer.value : undefined);
      transaction.finish({ ok: false, error });
      return;
    }
    if (transaction.shortTerm && !this.integrityHolds(transaction, message)) return;
    // RFC 8489 §6.3.3: unknown comprehension-required attributes make the transaction fail
    if (message.unknownRequired.length > 0) {
      const list = message.unknownRequired.map((t) => `0x${t.toString(16).padStart(4, '0')}`).join(', ');
      transaction.finish({ ok: false, error: new StunBadResponseError(`Binding success response has unknown comprehension-required attributes ${list}`) });
      return;
    }
    const xor = findAttribute(message, STUN_ATTR.XOR_MAPPED_ADDRESS);
    // RFC 8489 §14.1: MAPPED-ADDRESS only for backwards compatibility with RFC 3489 servers
    const plain = xor ? undefined : findAttribute(message, STUN_ATTR.MAPPED_ADDRESS);
    const mapped = xor ? decodeXorAddress(xor.value, message.transactionId) : plain ? decodeAddress(plain.value) : undefined;
    if (!mapped?.ok) {
      const why = mapped ? mapped.error.message : 'neither XOR-MAPPED-ADDRESS nor MAPPED-ADDRESS';
      transaction.finish({ ok: false, error: new StunBadResponseError(`Binding success response without a usable mapped address: ${why}`) });
      return;
    }
    transaction.finish({ ok: true, value: { mapped: mapped.value, server: transaction.server, attempts: transaction.attempts, elapsedMs, response: message } });
  }

  /** RFC 8489 §9.1.4: a response that fails the integrity check is discarded as if never received. */
  private integrityHolds(transaction: Transaction, message: DecodedStunMessage): boolean {
    if (verifyMessageIntegrity(message, transaction.shortTerm!.key) === 'valid') return true;
    transaction.discardedForIntegrity++;
    return false;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
