/**
 * The SIP message layer (RFC 3261 §7, §18.3, §19, §20, §25): parse and serialize messages,
 * URIs and addresses, frame streams, build requests and responses. Pure functions, no I/O.
 * Other layers import only this file.
 */
export type {
  AuthParams,
  CSeq,
  HeaderField,
  HeaderInit,
  MediaType,
  NameAddr,
  Params,
  ParseOptions,
  ParseResult,
  SipScheme,
  StreamFrame,
  StreamFramerOptions,
  TokenWithParams,
  Uri,
  Via,
} from './types';
export { SipBuildError, SipFramingError, SipParseError, type MalformedContext, type SipFramingErrorCode, type SipParseErrorCode } from './errors';

// messages
export { SipMessage, type HeaderValue } from './sip-message';
export { SipRequest } from './sip-request';
export { SipResponse } from './sip-response';
export { parseMessage } from './parse-message';
export { serializeMessage } from './serialize-message';
export { StreamFramer, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_MESSAGE_BYTES } from './stream-framer';

// builders
export { createRequest, DEFAULT_MAX_FORWARDS, type BodyInit } from './create-request';
export { createResponse, createErrorResponse, type ResponseOptions } from './create-response';
export { generateBranch, generateCallId, generateTag, BRANCH_MAGIC_COOKIE } from './ids';
export { reasonPhrase } from './reason-phrases';

// headers and their parts
export { HEADERS, HeaderFault, type HeaderSpec } from './lazy-headers';
export { headerKey, prettyName, isListHeader } from './header-names';
export { splitList } from './split-list';
export { parseUri } from './parse-uri';
export { formatUri, formatHostPort } from './format-uri';
export { parseNameAddr, formatNameAddr } from './name-addr';
export { parseVia, formatVia, createVia, viaWithParam, type ViaInit } from './via';
export { parseCSeq, formatCSeq, MAX_CSEQ } from './cseq';
export { parseMediaType, formatMediaType } from './media-type';
export { formatParams, getParam, withParam, NO_PARAMS } from './params';
export { quote, unquote } from './chars';
export { uriEquals } from './uri-equals';
export { contactExpires, contactQ, contactRegId } from './contact-params';

// call transfer (RFC 3515, RFC 3891, RFC 3420)
export { parseReplaces, formatReplaces, type ReplacesValue, type ReplacesParse } from './replaces';
export { formatSipfrag, parseSipfrag, SIPFRAG, type SipfragStatus } from './sipfrag';
export { escapeHeaderValue, uriHeader } from './uri-headers';
