import type { KeyParams, NegotiatedSecurity } from '../../sdp';
import type { DtlsSrtpKeys, SrtpMaster } from '../dtls';
import { sessionOptionsFromSdpCrypto, SrtpSession, type SrtpSuiteName } from '../srtp';
import { MediaSetupError } from './errors';

/** The two SRTP directions of a call: protect what we send, unprotect what the peer sends. */
export interface SrtpContexts {
  readonly send: SrtpSession;
  readonly receive: SrtpSession;
  /** The negotiated keys, to tell whether a re-negotiation changed them. */
  readonly fingerprint: string;
}

/**
 * SRTP sessions for SDES-negotiated security (RFC 4568 §6.1 key-params, RFC 3711 contexts),
 * or undefined for plain RTP and for DTLS-SRTP, whose keys come from the handshake
 * (srtpContextsFromDtls). Keys the SRTP module refuses are a MediaSetupError value.
 */
export function srtpContextsFor(security: NegotiatedSecurity, previous: SrtpContexts | undefined): SrtpContexts | undefined | MediaSetupError {
  if (security.kind === 'none') return undefined;
  if (security.kind === 'dtls') return undefined;
  const fingerprint = `${security.suite}|${keyText(security.localKey)}|${keyText(security.remoteKey)}`;
  // RFC 4568 §7.1.4: unchanged keys in a re-negotiation keep the crypto contexts (ROC, replay state)
  if (previous?.fingerprint === fingerprint) return previous;
  const send = sessionFor(security.suite, security.tag, security.localKey);
  const receive = sessionFor(security.suite, security.tag, security.remoteKey);
  if (send instanceof MediaSetupError) return send;
  if (receive instanceof MediaSetupError) return receive;
  return { send, receive, fingerprint };
}

function sessionFor(suite: string, tag: number, key: KeyParams): SrtpSession | MediaSetupError {
  const options = sessionOptionsFromSdpCrypto({ tag, suite, keys: [key], rawKeyParams: '', sessionParams: [] });
  if (!options.ok) return new MediaSetupError(`SRTP key refused: ${options.error.message}`);
  try {
    return new SrtpSession(options.value);
  } catch (err) {
    return new MediaSetupError(`SRTP context refused: ${(err as Error).message}`);
  }
}

function keyText(key: KeyParams): string {
  return `${key.keySalt.toString('hex')}/${key.lifetime ?? ''}/${key.mki?.value ?? ''}`;
}

/** RFC 5764 §4.2: contexts from the keys a DTLS-SRTP handshake exported. */
export function srtpContextsFromDtls(keys: DtlsSrtpKeys): SrtpContexts | MediaSetupError {
  const send = dtlsSession(keys.suite, keys.local);
  const receive = dtlsSession(keys.suite, keys.remote);
  if (send instanceof MediaSetupError) return send;
  if (receive instanceof MediaSetupError) return receive;
  const fingerprint = `dtls|${keys.suite}|${keys.local.masterKey.toString('hex')}|${keys.remote.masterKey.toString('hex')}`;
  return { send, receive, fingerprint };
}

function dtlsSession(suite: SrtpSuiteName, master: SrtpMaster): SrtpSession | MediaSetupError {
  try {
    return new SrtpSession({ suite, masterKey: master.masterKey, masterSalt: master.masterSalt });
  } catch (err) {
    return new MediaSetupError(`SRTP context refused: ${(err as Error).message}`);
  }
}
