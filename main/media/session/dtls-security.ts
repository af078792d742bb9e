import type { Clock } from '../../lib/clock';
import type { NegotiatedSecurity } from '../../sdp';
import { DtlsEndpoint, sharedDtlsCertificate, type DatagramLink, type DtlsCertificate, type DtlsError, type DtlsState } from '../dtls';
import { DtlsFingerprintMismatchError, DtlsHandshakeTimeoutError, DtlsSrtpError, type MediaSetupError } from './errors';
import type { MediaSessionOptions } from './media-session-options';
import { srtpContextsFromDtls, type SrtpContexts } from './srtp-contexts';

type DtlsSecurityParams = Extract<NegotiatedSecurity, { kind: 'dtls' }>;

/** Datagrams that arrive before the association exists (RFC 5763 §5: a ClientHello may beat the answer). */
const EARLY_DATAGRAMS = 8;

export interface DtlsSecurityDeps {
  readonly clock: Clock;
  readonly certificate: DtlsCertificate | undefined;
  readonly link: DatagramLink;
  readonly timeoutMs?: number;
  /** The handshake finished and was checked: protect media with these contexts from now on. */
  onKeys(srtp: SrtpContexts): void;
  /** The association failed: the media cannot be protected. */
  onFailure(error: DtlsSrtpError | MediaSetupError): void;
}

/** The certificate a session needs: none with SRTP off, else the given one or the engine run's. */
export async function dtlsCertificateFor(options: MediaSessionOptions): Promise<{ dtlsCertificate?: DtlsCertificate }> {
  if (options.srtp === 'off') return {};
  return { dtlsCertificate: options.dtlsCertificate ?? (await sharedDtlsCertificate()) };
}

/** The DTLS-SRTP side of a call's state, as the session reports it. */
export interface DtlsStatus {
  readonly state: DtlsState | 'none';
  readonly role?: 'client' | 'server';
  readonly error?: DtlsSrtpError | MediaSetupError;
}

/**
 * A call's DTLS-SRTP association across offer/answer exchanges: started when DTLS is
 * negotiated, kept while role, fingerprints and tls-id stay the same (RFC 8842 §3), replaced
 * when they change, closed when a re-negotiation drops DTLS.
 */
export class DtlsSecurity {
  private endpoint: DtlsEndpoint | undefined;
  private params: DtlsSecurityParams | undefined;
  private contexts: SrtpContexts | undefined;
  private failure: DtlsSrtpError | MediaSetupError | undefined;
  private early: Buffer[] = [];
  /** Before the first negotiation a DTLS offer or answer may be on its way, so early records are kept. */
  private negotiated = false;

  constructor(private readonly deps: DtlsSecurityDeps) {}

  /** Our a=setup while an association runs or is being set up (RFC 5763 §5: the client is active). */
  get localSetup(): 'active' | 'passive' | undefined {
    const state = this.endpoint?.state;
    if (state !== 'connecting' && state !== 'connected') return undefined;
    return this.endpoint?.role === 'client' ? 'active' : 'passive';
  }

  get status(): DtlsStatus {
    if (!this.endpoint) return this.failure ? { state: 'failed', error: this.failure } : { state: 'none' };
    return { state: this.endpoint.state, role: this.endpoint.role, ...(this.failure && { error: this.failure }) };
  }

  /** The SRTP contexts to use right now for a negotiation: the running association's when it is kept. */
  contextsFor(security: NegotiatedSecurity): SrtpContexts | undefined {
    return security.kind === 'dtls' && this.keeps(security) ? this.contexts : undefined;
  }

  /** Takes a negotiation result: starts, keeps, replaces or closes the association. */
  apply(security: NegotiatedSecurity): void {
    this.negotiated = true;
    if (security.kind !== 'dtls') {
      this.early = [];
      return this.stop();
    }
    if (this.keeps(security)) return;
    this.stop();
    this.params = security;
    this.failure = undefined;
    const certificate = this.deps.certificate;
    if (!certificate) return this.failed(new DtlsSrtpError('no-certificate', 'DTLS-SRTP was negotiated but no certificate is loaded'));
    const endpoint = new DtlsEndpoint(
      {
        role: security.role,
        certificate,
        remoteFingerprints: security.remoteFingerprints,
        link: this.deps.link,
        clock: this.deps.clock,
        ...(this.deps.timeoutMs !== undefined && { timeoutMs: this.deps.timeoutMs }),
      },
      (outcome) => {
        if (this.endpoint !== endpoint) return;
        if (!outcome.ok) return this.failed(sessionError(outcome.error));
        const srtp = srtpContextsFromDtls(outcome.keys);
        if (srtp instanceof Error) return this.failed(srtp);
        this.contexts = srtp;
        this.deps.onKeys(srtp);
      },
    );
    this.endpoint = endpoint;
    endpoint.start();
    const early = this.early;
    this.early = [];
    for (const datagram of early) endpoint.receive(datagram);
  }

  /**
   * A datagram the demultiplexer classified as DTLS (RFC 7983 §7). False when no association
   * wants it: DTLS was not negotiated, or we have no certificate to ever answer one.
   */
  receive(datagram: Buffer): boolean {
    if (this.endpoint) {
      this.endpoint.receive(datagram);
      return true;
    }
    if (this.negotiated || !this.deps.certificate) return false;
    if (this.early.length < EARLY_DATAGRAMS) this.early.push(datagram);
    return true;
  }

  close(): void {
    this.stop();
    this.early = [];
  }

  /** RFC 8842 §3: the same roles, fingerprints and tls-id mean the same association. */
  private keeps(security: DtlsSecurityParams): boolean {
    const p = this.params;
    if (!p || !this.endpoint || this.endpoint.state === 'failed' || this.endpoint.state === 'closed') return false;
    const prints = (s: DtlsSecurityParams): string => s.remoteFingerprints.map((f) => `${f.algorithm} ${f.value}`).sort().join(',');
    return p.role === security.role && prints(p) === prints(security) && p.remoteTlsId === security.remoteTlsId;
  }

  private stop(): void {
    this.endpoint?.close();
    this.endpoint = undefined;
    this.params = undefined;
    this.contexts = undefined;
  }

  private failed(error: DtlsSrtpError | MediaSetupError): void {
    this.failure = error;
    this.deps.onFailure(error);
  }
}

function sessionError(error: DtlsError): DtlsSrtpError {
  if (error.code === 'fingerprint-mismatch') return new DtlsFingerprintMismatchError(error.message);
  if (error.code === 'timeout') return new DtlsHandshakeTimeoutError(error.message);
  return new DtlsSrtpError(error.code, error.message);
}
