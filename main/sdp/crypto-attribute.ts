import { randomBytes } from 'node:crypto';
import { SdpCryptoError } from './errors';
import type { CryptoAttribute, KeyParams } from './session-description';
import { isSrtpSuite, keySaltLength, SRTP_SUITES, type SrtpSuite } from './srtp-suites';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Fresh master key || salt for a suite, from the system CSPRNG. */
export function generateKeySalt(suite: SrtpSuite): Buffer {
  return randomBytes(keySaltLength(suite));
}

/**
 * a=crypto:<tag> <crypto-suite> <key-params> *(<session-param>) (RFC 4568 §9.1).
 * Key-params of suites we know are decoded and checked; those of unknown suites are kept raw.
 */
export function parseCryptoAttribute(value: string): CryptoAttribute {
  const [tagText, suiteText, rawKeyParams, ...sessionParams] = value.trim().split(/\s+/);
  // RFC 5234 §2.3: suite names are ABNF literals, so case does not matter.
  const suite = suiteText !== undefined && isSrtpSuite(suiteText.toUpperCase()) ? suiteText.toUpperCase() : suiteText;
  // RFC 4568 §9.1: tag = 1*9DIGIT
  if (!tagText || !/^\d{1,9}$/.test(tagText)) throw new SdpCryptoError(`bad crypto tag "${tagText ?? ''}"`);
  if (!suite || !/^[A-Za-z0-9_]+$/.test(suite)) throw new SdpCryptoError('bad crypto-suite');
  if (!rawKeyParams) throw new SdpCryptoError(`missing key-params for crypto tag ${tagText}`);
  const keys = isSrtpSuite(suite) ? rawKeyParams.split(';').map((k) => parseKeyParams(k, suite)) : [];
  return { tag: Number(tagText), suite, keys, rawKeyParams, sessionParams };
}

/** inline:<key||salt>[|<lifetime>][|<MKI>:<length>] (RFC 4568 §9.1, §6.1). */
export function parseKeyParams(text: string, suite: SrtpSuite): KeyParams {
  const m = /^inline:(.*)$/i.exec(text);
  if (!m) throw new SdpCryptoError(`unsupported key method in "${text.split(':')[0] ?? ''}" (only inline)`);
  const [keyText = '', ...rest] = (m[1] ?? '').split('|');
  const keySalt = Buffer.from(keyText, 'base64');
  // Node decodes leniently; a key that does not re-encode to itself is not base64.
  if (!BASE64.test(keyText) || keySalt.toString('base64').replace(/=+$/, '') !== keyText.replace(/=+$/, '')) {
    throw new SdpCryptoError(`crypto key is not base64 for ${suite}`);
  }
  // RFC 4568 §6.1: the key-salt MUST be as long as the suite's master key plus salt.
  if (keySalt.length !== keySaltLength(suite)) {
    throw new SdpCryptoError(`crypto key for ${suite} has ${keySalt.length} bytes, expected ${keySaltLength(suite)}`);
  }
  let lifetime: number | undefined;
  let mki: KeyParams['mki'];
  for (const part of rest) {
    const life = /^(2\^)?(\d+)$/.exec(part);
    const mkiMatch = /^(\d+):(\d{1,3})$/.exec(part);
    if (life && lifetime === undefined && mki === undefined) {
      const digits = life[2] ?? '';
      lifetime = digits.length > 15 ? Infinity : life[1] ? 2 ** Number(digits) : Number(digits);
      // RFC 4568 §6.2.1: no more than 2^48 SRTP packets per master key.
      if (lifetime === 0 || lifetime > 2 ** SRTP_SUITES[suite].maxLifetimeLog2) {
        throw new SdpCryptoError(`crypto key lifetime out of range for ${suite}`);
      }
    } else if (mkiMatch && mki === undefined) {
      const length = Number(mkiMatch[2]);
      const value = Number(mkiMatch[1]);
      // RFC 4568 §9.1: mki-length is 1..128 bytes, and the value must fit in it.
      if (length < 1 || length > 128) throw new SdpCryptoError('crypto MKI length out of range');
      if ((length < 7 && value >= 2 ** (8 * length)) || !Number.isSafeInteger(value)) throw new SdpCryptoError(`crypto MKI ${value} does not fit in ${length} bytes`);
      mki = { value, length };
    } else {
      throw new SdpCryptoError(`bad crypto key-params "${part}"`);
    }
  }
  return { keySalt, ...(lifetime !== undefined && { lifetime }), ...(mki && { mki }) };
}

/** key-params for an a=crypto line (RFC 4568 §9.1). */
export function formatKeyParams(key: KeyParams): string {
  let out = `inline:${key.keySalt.toString('base64')}`;
  if (key.lifetime !== undefined) out += `|${formatLifetime(key.lifetime)}`;
  if (key.mki) out += `|${key.mki.value}:${key.mki.length}`;
  return out;
}

function formatLifetime(lifetime: number): string {
  const log = Math.log2(lifetime);
  return Number.isInteger(log) ? `2^${log}` : String(lifetime);
}

/** A crypto attribute from our own key material, checked against the suite's sizes. */
export function localCryptoAttribute(tag: number, suite: SrtpSuite, keySalt: Uint8Array): CryptoAttribute {
  const key = Buffer.from(keySalt);
  if (key.length !== keySaltLength(suite)) {
    throw new RangeError(`key material for ${suite} must be ${keySaltLength(suite)} bytes, got ${key.length}`);
  }
  return { tag, suite, keys: [{ keySalt: key }], rawKeyParams: formatKeyParams({ keySalt: key }), sessionParams: [] };
}
