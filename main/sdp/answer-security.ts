import { generateKeySalt, localCryptoAttribute } from './crypto-attribute';
import { isUsableFingerprint } from './dtls-attributes';
import type { WarnCode } from './errors';
import type { LocalMediaOptions } from './media-options';
import type { NegotiatedSecurity } from './negotiated-media';
import type { CryptoAttribute, MediaDescription, SetupRole } from './session-description';
import { DEFAULT_SRTP_SUITES, isSrtpSuite, type SrtpSuite } from './srtp-suites';
import { profileOf } from './transport-profile';

export type SecurityVerdict =
  | { readonly ok: true; readonly fields: Pick<MediaDescription, 'crypto' | 'fingerprints' | 'setup' | 'tlsId'>; readonly security: NegotiatedSecurity }
  | { readonly ok: false; readonly warnCode: WarnCode; readonly reason: string };

const PLAIN = { ok: true, fields: { crypto: [], fingerprints: [] }, security: { kind: 'none' } } as const;

/**
 * The answerer's security decision for an offered audio stream, by our mode:
 * off takes plain RTP only (keys on RTP/AVP are ignored, as the offerer expects);
 * best-effort takes anything, preferring keys; mandatory and dtls take only protected media.
 */
export function answerSecurity(offer: MediaDescription, options: LocalMediaOptions, tlsId: string): SecurityVerdict {
  const mode = options.srtp ?? 'off';
  const secureOnly = mode === 'mandatory' || mode === 'dtls';
  switch (profileOf(offer.proto)) {
    case 'dtls':
      return mode === 'off' ? reject('SRTP is turned off') : answerDtls(offer, options, tlsId);
    case 'savp': {
      if (mode === 'off') return reject('SRTP is turned off');
      // RFC 4568 §5.1.2: no usable crypto attribute on RTP/SAVP rejects the stream.
      return answerSdes(offer, options) ?? reject('no usable a=crypto on RTP/SAVP');
    }
    case 'avp': {
      const sdes = mode === 'off' ? undefined : answerSdes(offer, options);
      if (sdes) return sdes;
      return secureOnly ? reject('plain RTP offered but SRTP is required') : PLAIN;
    }
    default:
      return reject(`transport ${offer.proto} not supported`);
  }
}

function reject(reason: string): SecurityVerdict {
  return { ok: false, warnCode: 302, reason };
}

/** RFC 4568 §5.1.2: take the first offered attribute we support; answer its tag with our key. */
function answerSdes(offer: MediaDescription, options: LocalMediaOptions): SecurityVerdict | undefined {
  const enabled = options.srtpSuites ?? DEFAULT_SRTP_SUITES;
  const chosen = offer.crypto.find((c) => usable(c, enabled));
  if (!chosen || !isSrtpSuite(chosen.suite)) return undefined;
  const remoteKey = chosen.keys[0];
  if (!remoteKey) return undefined;
  const suite: SrtpSuite = chosen.suite;
  const ours = localCryptoAttribute(chosen.tag, suite, options.keys?.[suite] ?? generateKeySalt(suite));
  const localKey = ours.keys[0] ?? remoteKey;
  return {
    ok: true,
    fields: { crypto: [ours], fingerprints: [] },
    security: { kind: 'sdes', suite, tag: chosen.tag, localKey, remoteKey },
  };
}

/**
 * An attribute we can use: a suite we enabled, one key without MKI (our SRTP contexts carry
 * no MKI), no session parameters (RFC 4568 §6.3: an unsupported one rules the attribute out).
 */
function usable(c: CryptoAttribute, enabled: readonly SrtpSuite[]): boolean {
  return isSrtpSuite(c.suite) && enabled.includes(c.suite) && c.keys.length === 1 && c.keys[0]?.mki === undefined && c.sessionParams.length === 0;
}

/**
 * RFC 5763 §5: answer actpass with active (we are the DTLS client), and the opposite of a fixed
 * role; a re-offer with actpass keeps the role we have, so the association goes on (RFC 8842 §5.5).
 */
function answerDtls(offer: MediaDescription, options: LocalMediaOptions, tlsId: string): SecurityVerdict {
  if (!options.fingerprint) return reject('DTLS-SRTP offered but we have no certificate');
  const remoteFingerprints = offer.fingerprints.filter(isUsableFingerprint);
  // RFC 5763 §5: the offer MUST carry a fingerprint.
  if (remoteFingerprints.length === 0) return reject('DTLS-SRTP offer without a usable a=fingerprint');
  // RFC 4145 §4.1: an offer without a=setup means active.
  const remoteSetup: SetupRole = offer.setup ?? 'active';
  if (remoteSetup === 'holdconn') return reject('a=setup:holdconn');
  const localSetup: SetupRole = remoteSetup === 'active' ? 'passive' : remoteSetup === 'passive' ? 'active' : (options.dtlsSetup ?? 'active');
  // RFC 8842 §5.3: our tls-id goes back to peers that use it; older peers and browsers send none.
  const withTlsId = offer.tlsId !== undefined;
  return {
    ok: true,
    fields: { crypto: [], fingerprints: [options.fingerprint], setup: localSetup, ...(withTlsId && { tlsId }) },
    security: {
      kind: 'dtls',
      role: localSetup === 'active' ? 'client' : 'server',
      localSetup,
      remoteSetup,
      remoteFingerprints,
      ...(withTlsId && { localTlsId: tlsId, remoteTlsId: offer.tlsId }),
    },
  };
}
