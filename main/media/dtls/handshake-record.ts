import type { DtlsSocket } from 'werift';

/** One handshake message as werift keeps it for the handshake hash. */
interface CachedHandshake {
  readonly msg_type: number;
  readonly fragment: Buffer;
  serialize(): Buffer;
}

/** RFC 5246 §7.4 HandshakeType codes we look up. */
export const HANDSHAKE = { serverKeyExchange: 12, certificateVerify: 15 } as const;

/** What a finished werift handshake tells us: randoms, the peer's messages, its certificate and profile. */
export interface HandshakeRecord {
  readonly clientRandom: Buffer;
  readonly serverRandom: Buffer;
  /** The peer's certificate (DER), if it sent one. */
  readonly remoteCertificate: Buffer | undefined;
  /** The negotiated use_srtp protection profile (RFC 5764 §4.1.1), if any. */
  readonly srtpProfile: number | undefined;
  /** Every handshake message in hash order (RFC 6347 §4.2.6), ours and the peer's. */
  readonly messages: readonly CachedHandshake[];
}

interface WeriftInternals {
  cipher: { localRandom?: { serialize(): Buffer }; remoteRandom?: { serialize(): Buffer } };
  dtls: { sortedHandshakeCache: CachedHandshake[] };
  srtp: { srtpProfile?: number };
  remoteCertificate: Buffer | undefined;
}

/** Reads the record of a connected werift socket. */
export function handshakeRecord(socket: DtlsSocket, role: 'client' | 'server'): HandshakeRecord {
  const s = socket as unknown as WeriftInternals;
  const local = s.cipher.localRandom?.serialize() ?? Buffer.alloc(0);
  const remote = s.cipher.remoteRandom?.serialize() ?? Buffer.alloc(0);
  return {
    clientRandom: role === 'client' ? local : remote,
    serverRandom: role === 'client' ? remote : local,
    remoteCertificate: s.remoteCertificate ? Buffer.from(s.remoteCertificate) : undefined,
    srtpProfile: s.srtp.srtpProfile,
    messages: s.dtls.sortedHandshakeCache,
  };
}
