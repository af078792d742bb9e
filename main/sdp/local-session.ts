import { randomInt } from 'node:crypto';
import { generateTlsId } from './dtls-attributes';
import type { Origin, SessionDescription } from './session-description';
import { addrTypeOf, writeSdp } from './write-sdp';

/** Our side of one SDP session (one dialog): the o= line and the last body we sent. */
export interface LocalSession {
  readonly origin: Origin;
  /** Our a=tls-id; give the session a new one to ask for a new DTLS association (RFC 8842 §5.5). */
  readonly tlsId: string;
  readonly lastBody?: string;
}

export interface LocalSessionOptions {
  /** o= username; "-" when we have none to give (RFC 8866 §5.2). */
  readonly username?: string;
  /** Fixed sess-id, for tests; random otherwise. */
  readonly sessionId?: string;
  readonly sessionVersion?: bigint;
  /** Fixed tls-id, for tests; random otherwise. */
  readonly tlsId?: string;
}

/** A new session for a new dialog; sess-id random, as RFC 8866 §5.2 allows. */
export function createLocalSession(address: string, options: LocalSessionOptions = {}): LocalSession {
  const sessionId = options.sessionId ?? String(randomInt(1, 2 ** 47));
  // RFC 8866 §5.2: username and sess-id contain no spaces.
  if (/\s/.test(options.username ?? '') || !/^\d+$/.test(sessionId)) throw new RangeError('o= username must have no spaces and sess-id must be digits');
  return {
    origin: {
      username: options.username ?? '-',
      sessionId,
      sessionVersion: options.sessionVersion ?? 1n,
      addrType: addrTypeOf(address),
      address,
    },
    tlsId: options.tlsId ?? generateTlsId(),
  };
}

export interface StampedDescription {
  readonly session: LocalSession;
  readonly description: SessionDescription;
  readonly sdp: string;
}

/**
 * Puts our o= line on a new description. RFC 3264 §8: o= stays the same but for the version,
 * which goes up by one when the body changed; an unchanged body keeps the version.
 */
export function stampDescription(session: LocalSession, draft: Omit<SessionDescription, 'origin'>): StampedDescription {
  const same = { ...draft, origin: session.origin };
  const sameSdp = writeSdp(same);
  if (session.lastBody === undefined || withoutOrigin(session.lastBody) === withoutOrigin(sameSdp)) {
    return { session: { ...session, lastBody: sameSdp }, description: same, sdp: sameSdp };
  }
  const origin = { ...session.origin, sessionVersion: session.origin.sessionVersion + 1n };
  const description = { ...draft, origin };
  const sdp = writeSdp(description);
  return { session: { ...session, origin, lastBody: sdp }, description, sdp };
}

function withoutOrigin(sdp: string): string {
  return sdp.replace(/^o=.*$/m, '');
}

/**
 * RFC 3264 §8: a peer's SDP with the same o= (version included) as its previous one is
 * unchanged and needs no new negotiation.
 */
export function isUnchangedRemote(previous: Origin | undefined, next: Origin): boolean {
  return (
    previous !== undefined &&
    previous.username === next.username &&
    previous.sessionId === next.sessionId &&
    previous.sessionVersion === next.sessionVersion &&
    previous.addrType === next.addrType &&
    previous.address === next.address
  );
}
