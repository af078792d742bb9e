import type { Fingerprint } from '../../sdp';
import { DtlsError } from './errors';
import { matchesFingerprints } from './fingerprint';
import { HANDSHAKE, type HandshakeRecord } from './handshake-record';
import { verifyCertificateVerify, verifyServerKeyExchange } from './proof-of-possession';
import { suiteOfProfile } from './srtp-profiles';
import type { SrtpSuiteName } from '../srtp';

/**
 * What must hold before a finished handshake's keys are used: the peer's certificate matches
 * its SDP fingerprint (RFC 5763 §5), the peer proved it holds that certificate's key, and a
 * use_srtp profile was agreed (RFC 5764 §4.1.1). Returns the SRTP suite, or why not.
 */
export function checkHandshake(record: HandshakeRecord, role: 'client' | 'server', remoteFingerprints: readonly Fingerprint[], suites: readonly SrtpSuiteName[]): SrtpSuiteName | DtlsError {
  const cert = record.remoteCertificate;
  if (!cert) return new DtlsError('handshake', 'the peer sent no DTLS certificate');
  // RFC 5763 §5: a certificate that does not match a=fingerprint ends the session
  if (!matchesFingerprints(cert, remoteFingerprints)) {
    return new DtlsError('fingerprint-mismatch', 'the peer\'s DTLS certificate does not match the a=fingerprint of its SDP');
  }
  if (!provesPossession(record, role, cert)) {
    return new DtlsError('proof-of-possession', 'the peer\'s DTLS handshake is not signed with the key of its certificate');
  }
  const suite = suiteOfProfile(record.srtpProfile);
  if (!suite || !suites.includes(suite)) return new DtlsError('no-srtp-profile', 'the DTLS handshake agreed no SRTP protection profile (use_srtp)');
  return suite;
}

function provesPossession(record: HandshakeRecord, role: 'client' | 'server', cert: Buffer): boolean {
  if (role === 'client') {
    const ske = record.messages.find((m) => m.msg_type === HANDSHAKE.serverKeyExchange);
    return ske !== undefined && verifyServerKeyExchange(ske.fragment, record.clientRandom, record.serverRandom, cert);
  }
  const index = record.messages.findIndex((m) => m.msg_type === HANDSHAKE.certificateVerify);
  if (index < 0) return false;
  const transcript = Buffer.concat(record.messages.slice(0, index).map((m) => m.serialize()));
  return verifyCertificateVerify(record.messages[index]!.fragment, transcript, cert);
}
