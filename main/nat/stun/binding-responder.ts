import { encodeXorAddress } from './address-attributes';
import { STUN_ATTR, STUN_METHOD } from './constants';
import { decodeStunMessage } from './decode';
import { encodeStunMessage } from './encode';
import { encodeErrorCode } from './error-code';
import { verifyFingerprint } from './fingerprint';
import { verifyMessageIntegrity, verifyMessageIntegritySha256 } from './integrity';
import type { IpPort } from './ip-bytes';
import { findAttribute, type DecodedStunMessage, type StunAttribute } from './stun-message';
import { decodeText, textAttribute } from './text-attributes';
import { encodeUnknownAttributes } from './unknown-attributes';

export interface BindingResponderOptions {
  /** RFC 8489 §14.14: SOFTWARE in every response. */
  software?: string;
  /**
   * RFC 8489 §9.1.3: short-term credentials. When set, requests need USERNAME and a valid
   * MESSAGE-INTEGRITY under the key this returns for the username (undefined: unknown user).
   */
  shortTermKey?: (username: string) => Buffer | undefined;
}

/**
 * RFC 8489 §6.3 and §7: the answer to a datagram that may be a Binding request from `source`:
 * a success response with XOR-MAPPED-ADDRESS, an error response (400, 401, 420), or undefined
 * for anything that gets no answer (indications such as RFC 5626 keep-alives' peers send, responses, garbage).
 */
export function answerBindingRequest(data: Uint8Array, source: IpPort, options: BindingResponderOptions = {}): Buffer | undefined {
  const decoded = decodeStunMessage(data);
  if (!decoded.ok) return undefined;
  const request = decoded.value;
  // RFC 8489 §6.3.2: indications get no response; §6.3: neither do responses
  if (request.messageClass !== 'request') return undefined;
  // RFC 8489 §7: a FINGERPRINT that does not check means the message is not STUN
  if (verifyFingerprint(request) === 'invalid') return undefined;
  // RFC 8489 §14.7: answer with FINGERPRINT when the request had one
  const fingerprint = findAttribute(request, STUN_ATTR.FINGERPRINT) !== undefined;
  let auth: Authenticated | undefined;
  const reply = (messageClass: 'success' | 'error', attributes: StunAttribute[]): Buffer => {
    if (options.software !== undefined) attributes.unshift(textAttribute(STUN_ATTR.SOFTWARE, options.software));
    // RFC 8489 §9.1.3: protect the response with the integrity attribute the request used
    const integrity = auth ? (auth.sha256 ? { integritySha256Key: auth.key } : { integrityKey: auth.key }) : {};
    return encodeStunMessage({ method: request.method, messageClass, transactionId: request.transactionId, attributes }, { ...integrity, fingerprint });
  };
  const error = (code: number, extra: StunAttribute[] = []): Buffer => reply('error', [{ type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(code) }, ...extra]);

  if (options.shortTermKey) {
    const checked = authenticate(request, options.shortTermKey);
    if (typeof checked === 'number') return error(checked);
    auth = checked;
  }
  // RFC 8489 §6.3.1: unknown comprehension-required attributes get 420 with UNKNOWN-ATTRIBUTES
  if (request.unknownRequired.length > 0) {
    return error(420, [{ type: STUN_ATTR.UNKNOWN_ATTRIBUTES, value: encodeUnknownAttributes(request.unknownRequired) }]);
  }
  // Binding is the only method served here; others get 400 Bad Request (RFC 8489 §14.8)
  if (request.method !== STUN_METHOD.BINDING) return error(400);
  // RFC 8489 §6.3.1.1: the source transport address of the request, XOR'ed
  return reply('success', [{ type: STUN_ATTR.XOR_MAPPED_ADDRESS, value: encodeXorAddress(source, request.transactionId) }]);
}

interface Authenticated {
  readonly key: Buffer;
  /** The request was protected with MESSAGE-INTEGRITY-SHA256. */
  readonly sha256: boolean;
}

/** RFC 8489 §9.1.3: the key of a well-authenticated request, or the error code to answer with. */
function authenticate(request: DecodedStunMessage, keyFor: (username: string) => Buffer | undefined): Authenticated | number {
  const username = findAttribute(request, STUN_ATTR.USERNAME);
  const sha256 = findAttribute(request, STUN_ATTR.MESSAGE_INTEGRITY_SHA256) !== undefined;
  const sha1 = findAttribute(request, STUN_ATTR.MESSAGE_INTEGRITY) !== undefined;
  // RFC 8489 §9.1.3: no MESSAGE-INTEGRITY(-SHA256) or no USERNAME is 400 Bad Request
  if (!username || (!sha1 && !sha256)) return 400;
  const name = decodeText(STUN_ATTR.USERNAME, username.value);
  const key = name.ok ? keyFor(name.value) : undefined;
  // RFC 8489 §9.1.3: the SHA-256 attribute is checked when present; an unknown user or a failed check is 401 without integrity
  const check = key ? (sha256 ? verifyMessageIntegritySha256(request, key) : verifyMessageIntegrity(request, key)) : 'invalid';
  if (!key || check !== 'valid') return 401;
  return { key, sha256 };
}
