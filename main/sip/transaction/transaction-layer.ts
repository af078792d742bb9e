import { systemClock, type Clock } from '../../lib/clock';
import type { SipRequest, SipResponse } from '../message';
import { InviteClientTransaction } from './invite-client-transaction';
import { InviteServerTransaction } from './invite-server-transaction';
import { loopDetectedFor } from './loop-detected-response';
import { NonInviteClientTransaction } from './non-invite-client-transaction';
import { NonInviteServerTransaction } from './non-invite-server-transaction';
import { matchesLegacy, matchesLegacyAck, matchesLegacyCancel } from './rfc2543-match';
import type { ServerTransaction, ServerTransactionUser } from './server-transaction';
import type { TimerSettings } from './timers';
import type { TransactionContext } from './transaction';
import { acceptedKey, clientKey, clientKeyOfResponse, mergeKey, serverKey, type ServerKey } from './transaction-keys';
import type { Destination, TransactionTransport } from './transaction-transport-delegate';
import type { ClientTransactionUser, TransactionUser } from './transaction-user-delegate';

export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;

/** The TU never saw a request the layer answered itself, so it hears nothing of its transaction. */
const UNSEEN: ServerTransactionUser = { receiveAck: () => undefined, serverTimeout: () => undefined, serverTransportError: () => undefined };

export interface TransactionLayerOptions {
  /** The TU: new requests, ACKs for 2xx, server transaction failures. */
  user: TransactionUser;
  /** Defaults to the system clock; tests pass a virtual one. */
  clock?: Clock;
  /** T1, T2, T4 for every transaction of this layer (RFC 3261 §17.1.1.1 allows other values). */
  timers?: Partial<TimerSettings>;
  /** See InviteServerOptions.retransmit2xx; default true. */
  retransmit2xx?: boolean;
}

/** What `receiveRequest` did with a request, for logs and tests. */
export type RequestDisposition =
  /** A new server transaction was made and the TU got the request. */
  | 'new'
  /** It matched a server transaction (a retransmission, or the ACK for a non-2xx). */
  | 'matched'
  /** An ACK for a 2xx, passed to the TU (RFC 3261 §17.2.3; RFC 6026 §7.1). */
  | 'ack'
  /** RFC 3261 §8.2.2.2: a merged request, answered 482 here. */
  | 'merged'
  /** No Via, CSeq, Call-ID or From: nothing to match on; dropped. */
  | 'invalid';

/**
 * RFC 3261 §17: creates the four kinds of transaction, matches incoming requests and
 * responses to them, and forgets them once they terminate.
 */
export class TransactionLayer {
  private readonly clock: Clock;
  private readonly user: TransactionUser;
  private readonly timerSettings: Partial<TimerSettings>;
  private readonly retransmit2xx: boolean;
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();
  /** RFC 3261 §17.2.3: server transactions of requests whose branch lacks the magic cookie. */
  private readonly legacyServers = new Set<ServerTransaction>();
  /** RFC 3261 §8.2.2.2: server transactions by From tag, Call-ID and CSeq, for requests without a To tag. */
  private readonly byMergeKey = new Map<string, ServerTransaction>();
  /** RFC 3261 §9.2: server transactions a CANCEL may name, by branch and sent-by. */
  private readonly byBranch = new Map<string, ServerTransaction>();
  /** Transactions of requests the layer answered itself (merged requests): no CANCEL reaches them. */
  private readonly answeredHere = new WeakSet<ServerTransaction>();
  /** RFC 6026 §7.1: accepted INVITE server transactions by Call-ID, From tag and CSeq number. */
  private readonly accepted = new Map<string, InviteServerTransaction>();
  private readonly serverUser: ServerTransactionUser;

  constructor(options: TransactionLayerOptions) {
    this.clock = options.clock ?? systemClock;
    this.user = options.user;
    this.timerSettings = options.timers ?? {};
    this.retransmit2xx = options.retransmit2xx ?? true;
    this.serverUser = {
      receiveAck: (ack, source) => this.user.receiveAck(ack, source),
      serverTimeout: (tx, error) => this.user.serverTimeout(tx, error),
      serverTransportError: (tx, error) => this.user.serverTransportError(tx, error),
    };
  }

  /** Live transactions (client, server), for diagnostics and tests. */
  get size(): { client: number; server: number } {
    return { client: this.clients.size, server: this.servers.size + this.legacyServers.size };
  }

  /**
   * RFC 3261 §17.1: starts a client transaction for `request` and sends it to `destination`.
   * The request must carry a top Via with a branch that starts with the magic cookie
   * (RFC 3261 §8.1.1.7) and is unique among this layer's client transactions. ACK is not sent
   * through a transaction (the ACK for a 2xx is the TU's, RFC 3261 §13.2.2.4).
   */
  sendRequest(request: SipRequest, transport: TransactionTransport, destination: Destination, user: ClientTransactionUser): ClientTransaction {
    if (request.method === 'ACK') throw new TypeError('An ACK is sent by the TU, not through a client transaction');
    const key = clientKey(request);
    if (key === undefined) throw new TypeError('The request needs a top Via with a branch starting with z9hG4bK (RFC 3261 §8.1.1.7)');
    if (this.clients.has(key)) throw new TypeError(`A client transaction with branch key ${key} already exists`);
    const context = this.context(transport);
    const tx =
      request.method === 'INVITE'
        ? new InviteClientTransaction(context, request, destination, user)
        : new NonInviteClientTransaction(context, request, destination, user);
    this.clients.set(key, tx);
    tx.onTerminated(() => this.clients.delete(key));
    tx.start();
    return tx;
  }

  /**
   * RFC 3261 §17.1.3: passes a response to the client transaction it matches (branch of the
   * top Via and CSeq method). RFC 3261 §18.1.2 as RFC 6026 updates it: a response matching
   * none is discarded (late 2xx are caught by the Accepted state instead); returns false.
   */
  receiveResponse(response: SipResponse): boolean {
    const key = clientKeyOfResponse(response);
    const tx = key === undefined ? undefined : this.clients.get(key);
    if (!tx) return false;
    tx.receiveResponse(response);
    return true;
  }

  /** RFC 3261 §17.2.3: passes a request to its server transaction, or makes a new one for the TU. */
  receiveRequest(request: SipRequest, transport: TransactionTransport, source: Destination): RequestDisposition {
    const key = serverKey(request);
    if (key === undefined) return 'invalid';
    const matched = this.findServer(request, key);
    if (matched) {
      matched.receiveRequest(request);
      return 'matched';
    }
    if (request.method === 'ACK') return this.receiveUnmatchedAck(request, source);

    const context = this.context(transport);
    const merge = mergeKey(request);
    // RFC 3261 §8.2.2.2: same From tag, Call-ID and CSeq as a live transaction but no match: a merged request.
    if (merge !== undefined && this.byMergeKey.has(merge)) {
      // Its own transaction absorbs the merged request's retransmissions (and, for an INVITE, the ACK of the 482).
      const tx =
        request.method === 'INVITE'
          ? new InviteServerTransaction(context, request, source, UNSEEN, { retransmit2xx: false })
          : new NonInviteServerTransaction(context, request, source, UNSEEN);
      this.answeredHere.add(tx);
      this.register(tx, request, key, undefined);
      tx.respond(loopDetectedFor(request));
      return 'merged';
    }

    let tx: ServerTransaction;
    if (request.method === 'INVITE') {
      const invite = new InviteServerTransaction(context, request, source, this.serverUser, { retransmit2xx: this.retransmit2xx });
      tx = invite;
      this.register(tx, request, key, merge);
      this.watchAccepted(invite);
      invite.start();
    } else {
      tx = new NonInviteServerTransaction(context, request, source, this.serverUser);
      this.register(tx, request, key, merge);
    }
    // RFC 3261 §9.2: a CANCEL is matched to the request it cancels by branch and sent-by (or §17.2.3's RFC 2543 rule).
    const cancels = request.method === 'CANCEL' ? this.findCancelled(request, key) : undefined;
    this.user.receiveRequest(request, tx, cancels ? { source, cancels } : { source });
    return 'new';
  }

  /** Stops every transaction without informing anyone (shutdown). */
  dispose(): void {
    for (const tx of [...this.clients.values(), ...this.servers.values(), ...this.legacyServers]) tx.dispose();
  }

  private context(transport: TransactionTransport): TransactionContext {
    return { clock: this.clock, transport, timerSettings: this.timerSettings };
  }

  private findServer(request: SipRequest, key: ServerKey): ServerTransaction | undefined {
    if (key.legacy) {
      const isAck = request.method === 'ACK';
      for (const tx of this.legacyServers) {
        if (isAck ? tx instanceof InviteServerTransaction && matchesLegacyAck(request, tx) : matchesLegacy(request, tx.request)) return tx;
      }
      return undefined;
    }
    return this.servers.get(key.id);
  }

  private findCancelled(cancel: SipRequest, key: ServerKey): ServerTransaction | undefined {
    if (!key.legacy) return this.byBranch.get(key.branchId);
    for (const tx of this.legacyServers) if (!this.answeredHere.has(tx) && matchesLegacyCancel(cancel, tx.request)) return tx;
    return undefined;
  }

  /** RFC 6026 §7.1: an ACK for a 2xx goes to the accepted transaction (ending 2xx retransmission), else to the TU. */
  private receiveUnmatchedAck(ack: SipRequest, source: Destination): RequestDisposition {
    const id = acceptedKey(ack);
    const tx = id === undefined ? undefined : this.accepted.get(id);
    const answered = tx?.acceptedResponse;
    // RFC 3261 §12.2.2: the ACK belongs to the dialog the 2xx made, so its To tag is the 2xx's.
    if (tx && answered && answered.toTag === ack.toTag) tx.receiveRequest(ack);
    else this.user.receiveAck(ack, source);
    return 'ack';
  }

  private register(tx: ServerTransaction, request: SipRequest, key: ServerKey, merge: string | undefined): void {
    const cancellable = !key.legacy && request.method !== 'CANCEL' && !this.answeredHere.has(tx);
    if (key.legacy) this.legacyServers.add(tx);
    else this.servers.set(key.id, tx);
    if (cancellable) this.byBranch.set(key.branchId, tx);
    if (merge !== undefined) this.byMergeKey.set(merge, tx);
    tx.onTerminated(() => {
      if (key.legacy) this.legacyServers.delete(tx);
      else if (this.servers.get(key.id) === tx) this.servers.delete(key.id);
      if (cancellable && this.byBranch.get(key.branchId) === tx) this.byBranch.delete(key.branchId);
      if (merge !== undefined && this.byMergeKey.get(merge) === tx) this.byMergeKey.delete(merge);
    });
  }

  private watchAccepted(tx: InviteServerTransaction): void {
    const id = acceptedKey(tx.request);
    if (id === undefined) return;
    // Indexed from the start; an ACK reaches it only once it is Accepted (acceptedResponse is set).
    this.accepted.set(id, tx);
    tx.onTerminated(() => {
      if (this.accepted.get(id) === tx) this.accepted.delete(id);
    });
  }
}
