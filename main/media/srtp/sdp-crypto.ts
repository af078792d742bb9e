import type { CryptoAttribute } from '../../sdp';
import { isSrtpSuiteName, SRTP_SUITES } from './crypto-suite';
import { SdesKeyError } from './errors';
import { sessionOptionsFromSdes, type SdesResult } from './sdes-key';
import type { SrtpSessionOptions } from './srtp-session';

/**
 * SrtpSession options from an a=crypto attribute as main/sdp parsed it (key || salt in one
 * buffer): splits key and salt by the suite and applies the same RFC 4568 §6.3 session
 * parameter rules as sessionOptionsFromSdes.
 */
export function sessionOptionsFromSdpCrypto(attribute: CryptoAttribute, keyIndex = 0): SdesResult<SrtpSessionOptions> {
  const suite = attribute.suite.toUpperCase();
  if (!isSrtpSuiteName(suite)) return { ok: false, error: new SdesKeyError('suite', `unsupported crypto suite "${attribute.suite}"`) };
  const key = attribute.keys[keyIndex];
  if (!key) return { ok: false, error: new SdesKeyError('length', `a=crypto has no key number ${keyIndex}`) };
  const { keyLength, saltLength } = SRTP_SUITES[suite];
  if (key.keySalt.length !== keyLength + saltLength) {
    return { ok: false, error: new SdesKeyError('length', `${suite} needs ${keyLength + saltLength} octets of key and salt, got ${key.keySalt.length}`) };
  }
  const converted = {
    masterKey: key.keySalt.subarray(0, keyLength),
    masterSalt: key.keySalt.subarray(keyLength),
    ...(key.lifetime !== undefined ? { lifetime: key.lifetime } : {}),
    ...(key.mki ? { mki: { value: key.mki.value, length: key.mki.length } } : {}),
  };
  return sessionOptionsFromSdes({ tag: attribute.tag, suite, keys: [converted], sessionParams: [...attribute.sessionParams] });
}
