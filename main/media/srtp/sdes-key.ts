import { isSrtpSuiteName, SRTP_SUITES, type SrtpSuiteName } from './crypto-suite';
import { SdesKeyError } from './errors';
import type { SrtpSessionOptions } from './srtp-session';

/** RFC 4568 §6.1: the optional master key identifier: a value sent in `length` octets. */
export interface SdesMki {
  value: number;
  /** 1..128 octets. */
  length: number;
}

/** One RFC 4568 `inline:` key-params value. */
export interface SdesKeyParams {
  masterKey: Buffer;
  masterSalt: Buffer;
  /** Master key lifetime in packets (RFC 4568 §6.1), when given. */
  lifetime?: number;
  /** Whether the lifetime was written as a power of two ("2^20"), kept for formatting. */
  lifetimeAsPower?: boolean;
  mki?: SdesMki;
}

/** The value of an `a=crypto` attribute (RFC 4568 §9.1). */
export interface SdesCryptoAttribute {
  tag: number;
  suite: SrtpSuiteName;
  keys: SdesKeyParams[];
  /** Session parameters, e.g. UNENCRYPTED_SRTCP, kept verbatim. */
  sessionParams: string[];
}

export type SdesResult<T> = { ok: true; value: T } | { ok: false; error: SdesKeyError };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[0-9]{1,15}$/;

/** RFC 4568 §6.1/§9.2: `inline:<base64 key||salt>[|lifetime][|mki:length]` for the given suite. */
export function parseKeyParams(suite: SrtpSuiteName, text: string): SdesResult<SdesKeyParams> {
  const fault = (reason: SdesKeyError['reason'], message: string): SdesResult<SdesKeyParams> => ({ ok: false, error: new SdesKeyError(reason, message) });
  // RFC 4568 §9.2: ABNF literals such as "inline" match case-insensitively
  if (text.slice(0, 7).toLowerCase() !== 'inline:') return fault('method', `key-params must use the "inline" key method: "${text}"`);
  const fields = text.slice(7).split('|');
  const keySalt = fields[0] ?? '';
  const { keyLength, saltLength } = SRTP_SUITES[suite];
  const decoded = BASE64.test(keySalt) ? Buffer.from(keySalt, 'base64') : undefined;
  if (!decoded || decoded.toString('base64').replace(/=+$/, '') !== keySalt.replace(/=+$/, '')) {
    return fault('base64', `key-salt is not base64: "${keySalt}"`);
  }
  if (decoded.length !== keyLength + saltLength) {
    return fault('length', `${suite} needs ${keyLength + saltLength} octets of key and salt, got ${decoded.length}`);
  }
  const params: SdesKeyParams = { masterKey: decoded.subarray(0, keyLength), masterSalt: decoded.subarray(keyLength) };
  let rest = fields.slice(1);
  if (rest.length > 2) return fault('mki', `too many "|" fields in "${text}"`);
  // RFC 4568 §9.2: lifetime comes before the MKI, and the MKI is the only field with a ":"
  if (rest.length > 0 && !rest[0]!.includes(':')) {
    const lifetime = rest[0]!;
    const power = lifetime.startsWith('2^');
    const digits = power ? lifetime.slice(2) : lifetime;
    if (!DECIMAL.test(digits)) return fault('lifetime', `lifetime is not a number: "${lifetime}"`);
    const value = power ? 2 ** Number(digits) : Number(digits);
    if (value < 1 || value > 2 ** 48) return fault('lifetime', `lifetime ${lifetime} is outside 1..2^48`);
    params.lifetime = value;
    params.lifetimeAsPower = power;
    rest = rest.slice(1);
  }
  if (rest.length > 0) {
    const [value, length, extra] = rest[0]!.split(':');
    if (extra !== undefined || !value || !length || !DECIMAL.test(value) || !DECIMAL.test(length)) {
      return fault('mki', `MKI must be "value:length": "${rest[0]}"`);
    }
    const mki = { value: Number(value), length: Number(length) };
    if (mki.length < 1 || mki.length > 128) return fault('mki', `MKI length ${mki.length} is outside 1..128`);
    if (mki.length < 7 && mki.value >= 2 ** (8 * mki.length)) return fault('mki', `MKI ${mki.value} does not fit in ${mki.length} octets`);
    params.mki = mki;
    if (rest.length > 1) return fault('mki', `unexpected field after the MKI in "${text}"`);
  }
  return { ok: true, value: params };
}

/** Writes key-params in RFC 4568 §9.2 form. */
export function formatKeyParams(params: SdesKeyParams): string {
  let text = `inline:${Buffer.concat([params.masterKey, params.masterSalt]).toString('base64')}`;
  if (params.lifetime !== undefined) {
    const exponent = Math.log2(params.lifetime);
    text += params.lifetimeAsPower !== false && Number.isInteger(exponent) ? `|2^${exponent}` : `|${params.lifetime}`;
  }
  if (params.mki) text += `|${params.mki.value}:${params.mki.length}`;
  return text;
}

/** The MKI as the octets SRTP carries (RFC 3711 §3.1), big-endian. */
export function mkiOctets(mki: SdesMki): Buffer {
  const out = Buffer.alloc(mki.length);
  let v = mki.value;
  for (let i = mki.length - 1; i >= 0 && v > 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/** RFC 4568 §9.1: `tag SP crypto-suite SP key-params *(";" key-params) [SP session-param]*`. */
export function parseCryptoAttribute(value: string): SdesResult<SdesCryptoAttribute> {
  const parts = value.trim().split(/\s+/);
  const [tagText, suiteText, keys, ...sessionParams] = parts;
  const suite = suiteText?.toUpperCase();
  if (!tagText || !/^[0-9]{1,9}$/.test(tagText)) return { ok: false, error: new SdesKeyError('suite', `a=crypto tag must be 1 to 9 digits: "${value}"`) };
  if (!suite || !isSrtpSuiteName(suite)) return { ok: false, error: new SdesKeyError('suite', `unsupported crypto suite "${suite ?? ''}"`) };
  if (!keys) return { ok: false, error: new SdesKeyError('method', `a=crypto has no key-params: "${value}"`) };
  const parsed: SdesKeyParams[] = [];
  for (const k of keys.split(';')) {
    const r = parseKeyParams(suite, k);
    if (!r.ok) return r;
    parsed.push(r.value);
  }
  return { ok: true, value: { tag: Number(tagText), suite, keys: parsed, sessionParams } };
}

export function formatCryptoAttribute(attribute: SdesCryptoAttribute): string {
  return [String(attribute.tag), attribute.suite, attribute.keys.map(formatKeyParams).join(';'), ...attribute.sessionParams].join(' ');
}

/**
 * SrtpSession options for one key of an `a=crypto` line. RFC 4568 §6.3: a session parameter
 * we cannot honour makes the line unusable (the answerer then declines it), so those are
 * refused by name: KDR other than 0, UNENCRYPTED_SRTP, UNAUTHENTICATED_SRTP and FEC_*.
 * WSH (window size hint) is only a hint; our replay window is fixed at 128 packets.
 */
export function sessionOptionsFromSdes(attribute: SdesCryptoAttribute, keyIndex = 0): SdesResult<SrtpSessionOptions> {
  const key = attribute.keys[keyIndex];
  if (!key) return { ok: false, error: new SdesKeyError('length', `a=crypto has no key number ${keyIndex}`) };
  let encryptRtcp = true;
  for (const param of attribute.sessionParams) {
    const [name = '', value] = param.split('=');
    if (name === 'UNENCRYPTED_SRTCP') encryptRtcp = false;
    else if (name === 'KDR' && value === '0') continue;
    else if (name === 'WSH' && value !== undefined && /^[0-9]+$/.test(value)) continue;
    else return { ok: false, error: new SdesKeyError('session-param', `session parameter ${param} is not supported`) };
  }
  const options: SrtpSessionOptions = { suite: attribute.suite, masterKey: key.masterKey, masterSalt: key.masterSalt, encryptRtcp };
  if (key.lifetime !== undefined) options.lifetime = key.lifetime;
  if (key.mki) {
    // we do not frame an MKI with the AEAD suites: refuse rather than mis-frame
    if (SRTP_SUITES[attribute.suite].kind === 'gcm') return { ok: false, error: new SdesKeyError('mki', 'an MKI is not supported with the AEAD suites') };
    options.mki = mkiOctets(key.mki);
  }
  return { ok: true, value: options };
}
