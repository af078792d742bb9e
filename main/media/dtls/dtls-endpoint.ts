import { DtlsClient, DtlsServer, type DtlsSocket } from 'werift';
import type { Clock, TimerHandle } from '../../lib/clock';
import type { Fingerprint } from '../../sdp';
import type { SrtpSuiteName } from '../srtp';
import type { DtlsCertificate } from './certificate';
import type { DatagramLink } from './datagram-link';
import { DtlsError, type DtlsFailureCode } from './errors';
import { checkHandshake } from './handshake-checks';
import { handshakeRecord } from './handshake-record';
import { DEFAULT_DTLS_SUITES, DTLS_SRTP_EXPORTER_LABEL, keyingMaterialLength, profileNumbers, splitKeyingMaterial, type DtlsSrtpKeys } from './srtp-profiles';
import { weriftTransport } from './werift-transport';

/** How long a handshake may take, retransmissions included, before the media is given up. */
export const DTLS_HANDSHAKE_TIMEOUT_MS = 10_000;

export interface DtlsEndpointOptions {
  /** RFC 5763 §5: a=setup:active is the DTLS client, passive the server. */
  readonly role: 'client' | 'server';
  readonly certificate: DtlsCertificate;
  /** The peer's a=fingerprint values; its certificate must match (RFC 8122 §5). */
  readonly remoteFingerprints: readonly Fingerprint[];
  readonly link: DatagramLink;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  /** SRTP suites offered in use_srtp, in order of preference. */
  readonly suites?: readonly SrtpSuiteName[];
}

export type DtlsOutcome = { readonly ok: true; readonly keys: DtlsSrtpKeys } | { readonly ok: false; readonly error: DtlsError };

export type DtlsState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

/**
 * One DTLS-SRTP association (RFC 5764) on werift's DtlsClient/DtlsServer over any datagram
 * link: runs the handshake (werift retransmits flights, RFC 6347 §4.2.4), checks the peer's
 * certificate against its SDP fingerprint and its signature, and exports the SRTP keys
 * (RFC 5764 §4.2). The outcome is reported once; nothing escapes as an exception.
 */
export class DtlsEndpoint {
  private socket: DtlsSocket | undefined;
  private readonly transport;
  private timer: TimerHandle | undefined;
  private current: DtlsState = 'new';
  private readonly suites: readonly SrtpSuiteName[];

  constructor(
    private readonly options: DtlsEndpointOptions,
    private readonly onOutcome: (outcome: DtlsOutcome) => void,
  ) {
    this.transport = weriftTransport(options.link);
    this.suites = options.suites ?? DEFAULT_DTLS_SUITES;
  }

  get state(): DtlsState {
    return this.current;
  }

  get role(): 'client' | 'server' {
    return this.options.role;
  }

  /** Starts the handshake: the client sends its ClientHello, the server waits for one. */
  start(): void {
    if (this.current !== 'new') return;
    this.current = 'connecting';
    const { certificate } = this.options;
    const common = {
      transport: this.transport,
      cert: certificate.certPem,
      key: certificate.keyPem,
      signatureHash: certificate.signatureHash,
      srtpProfiles: profileNumbers(this.suites),
      extendedMasterSecret: true,
    };
    try {
      // RFC 5763 §5: the server MUST ask for the client's certificate
      this.socket = this.options.role === 'client' ? new DtlsClient(common) : new DtlsServer({ ...common, certificateRequest: true });
    } catch (err) {
      return this.fail('handshake', `DTLS cannot start: ${messageOf(err)}`);
    }
    const socket = this.socket;
    socket.onConnect.once(() => this.connected(socket));
    socket.onError.subscribe((err: unknown) => this.fail('handshake', `DTLS handshake failed: ${messageOf(err)}`));
    socket.onClose.subscribe(() => this.fail('handshake', 'the peer ended the DTLS handshake with an alert'));
    this.timer = this.options.clock.setTimeout(() => {
      this.fail('timeout', `the DTLS handshake did not finish within ${Math.round(this.timeoutMs / 1000)} s`);
    }, this.timeoutMs);
    if (socket instanceof DtlsClient) socket.connect().catch((err: unknown) => this.fail('handshake', `DTLS handshake failed: ${messageOf(err)}`));
  }

  /** One datagram the demultiplexer classified as DTLS (RFC 7983 §7: first octet 20-63). */
  receive(datagram: Buffer): void {
    if (this.current !== 'connecting' && this.current !== 'connected') return;
    // A new association needs a new offer/answer (RFC 8842 §3): once connected, a fresh
    // ClientHello would only make werift start over on the keys we already use.
    if (this.current === 'connected' && isClientHello(datagram)) return;
    try {
      this.transport.deliver(datagram);
    } catch {
      // werift refuses malformed records itself; nothing from the network may throw past us
    }
  }

  /** Stops the association; no outcome is reported after this. */
  close(): void {
    if (this.current === 'closed') return;
    this.current = 'closed';
    this.options.clock.clearTimeout(this.timer);
    void this.transport.close();
    try {
      this.socket?.close();
    } catch {
      // already closed
    }
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DTLS_HANDSHAKE_TIMEOUT_MS;
  }

  private connected(socket: DtlsSocket): void {
    if (this.current !== 'connecting') return;
    const role = this.options.role;
    const checked = checkHandshake(handshakeRecord(socket, role), role, this.options.remoteFingerprints, this.suites);
    if (checked instanceof DtlsError) return this.fail(checked.code, checked.message);
    let keys: DtlsSrtpKeys;
    try {
      // RFC 5764 §4.2: keys come from the TLS exporter (RFC 5705) with the dtls_srtp label
      keys = splitKeyingMaterial(checked, socket.exportKeyingMaterial(DTLS_SRTP_EXPORTER_LABEL, keyingMaterialLength(checked)), role);
    } catch (err) {
      return this.fail('handshake', `DTLS keying material: ${messageOf(err)}`);
    }
    this.current = 'connected';
    this.options.clock.clearTimeout(this.timer);
    this.report({ ok: true, keys });
  }

  private fail(code: DtlsFailureCode, message: string): void {
    if (this.current !== 'connecting' && this.current !== 'new') return;
    this.current = 'failed';
    this.options.clock.clearTimeout(this.timer);
    void this.transport.close();
    try {
      this.socket?.close();
    } catch {
      // already closed
    }
    this.report({ ok: false, error: new DtlsError(code, message) });
  }

  private report(outcome: DtlsOutcome): void {
    try {
      this.onOutcome(outcome);
    } catch {
      // the listener's fault is not the handshake's
    }
  }
}

/** A plaintext handshake record (RFC 6347 §4.1: type 22, epoch 0) carrying a ClientHello (§4.2.2: type 1). */
function isClientHello(d: Buffer): boolean {
  return d.length > 13 && d[0] === 22 && d[3] === 0 && d[4] === 0 && d[13] === 1;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
