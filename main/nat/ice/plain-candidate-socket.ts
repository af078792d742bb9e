import type dgram from 'node:dgram';
import type { Candidate } from 'werift';
import { looksLikeStun } from '../stun';
import type { DatagramAddress, DatagramSocket } from './datagram-socket';

type WeriftAddress = readonly [string, number];

/** The parts of werift's candidate protocols we reach into to use a candidate's socket directly. */
export interface CandidateProtocol {
  readonly type: string;
  localCandidate?: Candidate;
  /** Host candidates: the UDP socket (werift's UdpTransport). */
  transport?: { socket?: dgram.Socket; onData: (data: Buffer, addr: WeriftAddress) => void; closed?: boolean };
  datagramReceived?(data: Buffer, addr: WeriftAddress): void;
  /** Relayed candidates: the TURN client. */
  turn?: { onData: { subscribe(fn: (data: Buffer, addr: WeriftAddress) => void): unknown } };
  sendData?(data: Buffer, addr: WeriftAddress): Promise<void>;
}

/**
 * The default candidate's socket used without ICE (RFC 8839 §3.2.1.1: a peer without ICE
 * sends to c=/m=): media goes straight to the peer's address and symmetric RTP (RFC 4961)
 * does the rest. STUN still reaches the ICE agent (RFC 7983 §7: first byte 0..3).
 */
export class PlainCandidateSocket implements DatagramSocket {
  private handler: ((data: Buffer, from: DatagramAddress) => void) | undefined;
  private closed = false;

  private constructor(
    private readonly protocol: CandidateProtocol,
    readonly address: string,
    readonly port: number,
  ) {
    const transport = protocol.transport;
    if (transport?.socket) {
      transport.onData = (data, addr) => {
        if (looksLikeStun(data)) return protocol.datagramReceived?.(data, addr);
        this.handler?.(data, { address: addr[0], port: addr[1] });
      };
    } else {
      protocol.turn?.onData.subscribe((data, addr) => {
        if (!looksLikeStun(data)) this.handler?.(data, { address: addr[0], port: addr[1] });
      });
    }
  }

  /** The socket behind `candidate`: its own for host and relay, its base's for server-reflexive. */
  static forCandidate(protocols: readonly CandidateProtocol[], candidate: Candidate): PlainCandidateSocket | undefined {
    const base =
      candidate.type === 'srflx'
        ? protocols.find((p) => p.localCandidate?.type === 'host' && p.localCandidate.port === candidate.relatedPort && p.transport?.socket)
        : protocols.find((p) => p.localCandidate === candidate);
    if (!base) return undefined;
    return new PlainCandidateSocket(base, candidate.host, candidate.port);
  }

  onMessage(handler: (data: Buffer, from: DatagramAddress) => void): void {
    this.handler = handler;
  }

  send(data: Uint8Array, port: number, address: string, onError: (err: NodeJS.ErrnoException) => void, done?: () => void): void {
    if (this.closed) return done?.();
    const socket = this.protocol.transport?.socket;
    if (socket) {
      socket.send(data, port, address, (err) => {
        if (err) onError(err);
        done?.();
      });
      return;
    }
    const sent = this.protocol.sendData?.(Buffer.from(data), [address, port]) ?? Promise.resolve();
    sent.then(
      () => done?.(),
      (err: unknown) => {
        onError(err instanceof Error ? err : new Error(String(err)));
        done?.();
      },
    );
  }

  /** The ICE agent owns the socket and closes it. */
  close(): void {
    this.closed = true;
    this.handler = undefined;
  }
}
