import {
  createRequest,
  createResponse,
  createVia,
  formatVia,
  generateBranch,
  type SipRequest,
  type SipResponse,
} from '../message';
import type { ClientTransaction, TransactionError } from '../transaction';
import { cloneRequest } from './clone-request';
import { resolveNextHop, type HopTarget, type HopTargets } from './next-hop';
import type { UaCore } from './ua-core';

export interface ClientRequestOptions {
  /** Provisional responses (INVITE), in order. */
  onProvisional?: (response: SipResponse) => void;
  /** RFC 6026 §7.2: a 2xx after the first (a retransmission, or another fork's); the TU ACKs it. */
  onLate2xx?: (response: SipResponse) => void;
  /** Realms to answer before any challenge (RFC 3261 §22.3: a UA may reuse credentials for a realm it knows). */
  authRealms?: readonly string[];
  /** Where to send instead of resolving the Request-URI or first Route (an outbound proxy, a known flow). */
  target?: HopTarget & { flowToken?: string; connectionId?: number };
}

/** The outcome of a client request: the final response, and where it was sent. */
export interface ClientResult {
  response: SipResponse;
  /** The request as finally sent (after any authentication and failover). */
  request: SipRequest;
  /** Where the final request went; undefined when it never left. */
  target: HopTarget | undefined;
  /** Realms whose credentials the final request carried. */
  realms: string[];
}

/**
 * A request outside any transaction's memory: sends it to the next hop (RFC 3263, with
 * failover on timeout, transport error or 503), answers digest challenges (RFC 3261 §22.2),
 * and resolves with the final response. Timeouts and transport failures resolve as a local
 * 408 or 503 (RFC 3261 §8.1.3.1), so callers handle one kind of outcome.
 */
export class ClientRequest {
  private current: SipRequest;
  private transaction: ClientTransaction | undefined;
  private target: HopTarget | undefined;
  private attempts = 0;
  private provisional = false;
  private cancelWanted = false;
  private finished = false;
  /** The request carries credentials we sent before any challenge (they may fit another server's challenge). */
  private preemptive = false;

  constructor(
    private readonly core: UaCore,
    request: SipRequest,
    private readonly options: ClientRequestOptions = {},
  ) {
    this.current = request;
  }

  /** The request as it stands (its branch changes on each resubmission). */
  get request(): SipRequest {
    return this.current;
  }

  async send(): Promise<ClientResult> {
    if (this.options.authRealms?.length) this.addPreemptive(this.options.authRealms);
    for (;;) {
      const outcome = await this.sendToTargets();
      const { response } = outcome;
      if ((response.status === 401 || response.status === 407) && !this.cancelWanted) {
        const retry = this.authorize(response);
        if (retry) {
          this.current = retry;
          continue;
        }
      }
      this.finished = true;
      return outcome;
    }
  }

  /**
   * RFC 3261 §9.1: cancels a pending INVITE. A CANCEL goes only after a provisional response;
   * asked earlier, it is sent when the first one arrives.
   */
  cancel(): void {
    if (this.finished || this.current.method !== 'INVITE') return;
    this.cancelWanted = true;
    if (this.provisional) this.sendCancel();
  }

  private async sendToTargets(): Promise<ClientResult> {
    const targets = await this.targets();
    if (!targets.ok) return this.local(503, `Service Unavailable (${targets.reason})`);
    let last: ClientResult | undefined;
    for (let target = targets.targets.next(); target; target = targets.targets.next()) {
      const result = await this.sendTo(target);
      const failed = result.error !== undefined || result.response.status === 503;
      if (!failed || this.cancelWanted) return result.outcome;
      // RFC 3263 §4.3: a timeout, transport error or 503 moves on to the next target.
      const retryAfter = Number(result.response.getHeader('Retry-After')?.split(/[;\s]/)[0]);
      targets.targets.fail(target, Number.isFinite(retryAfter) ? retryAfter : undefined);
      last = result.outcome;
      if (this.current.method === 'INVITE' && this.provisional) break;
      this.current = this.withNewBranch(this.current);
    }
    return last ?? this.local(503, 'Service Unavailable (no target answered)');
  }

  private targets(): Promise<{ ok: true; targets: HopTargets } | { ok: false; reason: string }> {
    const fixed = this.options.target;
    if (fixed) {
      let given = false;
      return Promise.resolve({ ok: true, targets: { next: () => (given ? undefined : ((given = true), fixed)), fail: () => undefined } });
    }
    // RFC 3261 §8.1.2: the first Route if there is one, else the outbound proxy for a request
    // outside a dialog, else the Request-URI.
    const outOfDialog = this.current.toTag === undefined;
    const hop = this.current.route[0]?.uri ?? (outOfDialog ? this.core.outboundProxy : undefined) ?? this.current.uri;
    return resolveNextHop(hop, this.core.locator);
  }

  private sendTo(target: HopTarget): Promise<{ outcome: ClientResult; response: SipResponse; error?: TransactionError }> {
    this.target = target;
    const request = this.current;
    if (request.via.length === 0) request.prependHeader('Via', formatVia(createVia({ transport: target.transport.toUpperCase(), host: '0.0.0.0', branch: generateBranch(), rport: true })));
    return new Promise((resolve) => {
      let settled = false;
      const done = (response: SipResponse, error?: TransactionError): void => {
        if (settled) {
          if (response.status >= 200 && response.status < 300 && !error) this.options.onLate2xx?.(response);
          return;
        }
        settled = true;
        resolve({ outcome: { response, request, target, realms: realmsOf(request) }, response, ...(error ? { error } : {}) });
      };
      this.transaction = this.core.transactions.sendRequest(request, this.core.transport.transportFor(target.transport), target, {
        receiveResponse: (response) => {
          if (response.status < 200) {
            this.provisional = true;
            if (this.cancelWanted) this.sendCancel();
            this.options.onProvisional?.(response);
            return;
          }
          done(response);
        },
        timeout: (error) => done(this.localResponse(408, `Request Timeout (no answer from ${describe(target)})`), error),
        transportError: (error) => done(this.localResponse(503, `Service Unavailable (${describe(target)}: ${error.message})`), error),
      });
    });
  }

  /** RFC 3261 §22.2: resubmits with credentials and CSeq + 1, or gives up (the 401/407 stands). */
  private authorize(challenge: SipResponse): SipRequest | undefined {
    const status = challenge.status as 401 | 407;
    const name = status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
    const next = this.withNewBranch(this.current);
    const seq = this.current.cseq.seq + 1;
    next.setHeader('CSeq', `${seq} ${next.method}`);
    const decision = this.core.digest.respond({
      status,
      challenges: challenge.getHeaders(name),
      request: { method: next.method, uri: next.uriText, body: next.body },
      // Credentials sent before any challenge were a guess, not a refused answer: answer the challenge afresh.
      sent: this.preemptive ? [] : [...this.current.getHeaders('Authorization'), ...this.current.getHeaders('Proxy-Authorization')],
      attempts: this.attempts,
      identity: identityOf(this.current),
    });
    this.preemptive = false;
    if (decision.action !== 'retry') return undefined;
    this.attempts += 1;
    for (const header of ['Authorization', 'Proxy-Authorization'] as const) {
      const values = decision.headers.filter((h) => h.name === header).map((h) => h.value);
      if (values.length > 0) next.setHeader(header, values);
    }
    return next;
  }

  private addPreemptive(realms: readonly string[]): void {
    const request = this.current;
    const headers = this.core.digest.preemptive({ method: request.method, uri: request.uriText, body: request.body }, realms, identityOf(request));
    for (const header of ['Authorization', 'Proxy-Authorization'] as const) {
      const values = headers.filter((h) => h.name === header).map((h) => h.value);
      if (values.length > 0) {
        request.setHeader(header, values);
        this.preemptive = true;
      }
    }
  }

  private withNewBranch(request: SipRequest): SipRequest {
    const copy = cloneRequest(request);
    copy.removeHeader('Via');
    return copy;
  }

  private sendCancel(): void {
    const target = this.target;
    const top = this.current.getHeaders('Via')[0];
    if (!target || !top || !this.transaction) return;
    this.provisional = false;
    // RFC 3261 §9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via; Route copied.
    const cancel = createRequest('CANCEL', this.current.uri, [
      ['Via', top],
      ['From', this.current.getHeader('From') as string],
      ['To', this.current.getHeader('To') as string],
      ['Call-ID', this.current.callId],
      ['CSeq', `${this.current.cseq.seq} CANCEL`],
      ...this.current.getHeaders('Route').map((r) => ['Route', r] as const),
      ['Max-Forwards', 70],
    ]);
    this.core.transactions.sendRequest(cancel, this.core.transport.transportFor(target.transport), target, {
      receiveResponse: () => undefined,
      timeout: () => undefined,
      transportError: () => undefined,
    });
  }

  private localResponse(status: number, reason: string): SipResponse {
    return createResponse(this.current, status, { reason });
  }

  private local(status: number, reason: string): ClientResult {
    return { response: this.localResponse(status, reason), request: this.current, target: this.target, realms: realmsOf(this.current) };
  }
}

function describe(target: HopTarget): string {
  return `${target.transport}:${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}

/** RFC 3261 §22.2: the identity whose credentials answer for a request is its From AOR, `user@host`. */
function identityOf(request: SipRequest): string | undefined {
  const uri = request.getHeader('From') === undefined ? undefined : request.from.uri;
  if (!uri) return undefined;
  return uri.user !== undefined ? `${uri.user}@${uri.host}` : uri.host;
}

/** The realms a request carries credentials for. */
function realmsOf(request: SipRequest): string[] {
  const all = [...(request.authorization ?? []), ...(request.proxyAuthorization ?? [])];
  return [...new Set(all.map((a) => a.params.get('realm')).filter((r): r is string => r !== undefined))];
}
