/**
 * The data shapes of the SIP message layer (RFC 3261 §7, §19, §20, §25).
 * Parsed values are read-only: change a message through its header setters so the
 * serializer knows what to re-render.
 */
import type { SipFramingError, SipParseError } from './errors';

/** Errors are values: every parse function returns one of these, never throws. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SipParseError };

/**
 * Parameters (`;name=value`), keyed by lower-case name (RFC 3261 §19.1.4, §7.3.1: names are
 * case-insensitive). A parameter without a value maps to `null`. Values are kept as they
 * came: escapes and quotes included.
 */
export type Params = ReadonlyMap<string, string | null>;

/** URI schemes the stack routes on; a Request-URI with any other scheme gets 416 (RFC 3261 §8.2.2.1). */
export type SipScheme = 'sip' | 'sips' | 'tel';

/**
 * A SIP, SIPS or tel URI (RFC 3261 §19.1, RFC 3966). Other schemes (e.g. `mailto:` in a
 * Contact) keep everything after the colon in `opaque`.
 */
export interface Uri {
  /** Lower case. */
  readonly scheme: string;
  /** User part with %-escapes decoded; for tel: the telephone-subscriber number. */
  readonly user?: string;
  /** Password with %-escapes decoded (its use is NOT RECOMMENDED, RFC 3261 §19.1.1). */
  readonly password?: string;
  /** Host name, IPv4 address or IPv6 reference with its brackets (`[2001:db8::1]`); '' for tel and opaque URIs. */
  readonly host: string;
  readonly port?: number;
  /** URI parameters (transport, maddr, lr, user, method, ttl, …). */
  readonly params: Params;
  /** URI headers (`?subject=x&priority=urgent`), names lower-cased, values still %-escaped. */
  readonly headers: Params;
  /** For schemes other than sip, sips and tel: the scheme-specific part as received. */
  readonly opaque?: string;
}

/** name-addr or addr-spec with header parameters: From, To, Contact, Route, Record-Route, Refer-To… (RFC 3261 §20.10). */
export interface NameAddr {
  /** Display name, unquoted and unescaped; undefined when absent. */
  readonly displayName?: string;
  readonly uri: Uri;
  /** Header parameters after the URI (tag, expires, q, …). */
  readonly params: Params;
}

/** One Via entry (RFC 3261 §20.42, §18.2.1; rport RFC 3581). */
export interface Via {
  /** `SIP/2.0` as received (name and version upper-cased). */
  readonly protocol: string;
  /** Upper case: UDP, TCP, TLS, SCTP, WS, WSS, … */
  readonly transport: string;
  /** sent-by host; IPv6 references keep their brackets. */
  readonly host: string;
  readonly port?: number;
  readonly params: Params;
  /** Convenience copies of well-known parameters. */
  readonly branch?: string;
  readonly received?: string;
  /** `null`: present without a value (a request asking for rport, RFC 3581 §3). */
  readonly rport?: number | null;
  readonly maddr?: string;
  readonly ttl?: number;
}

/** CSeq (RFC 3261 §20.16): sequence number below 2**31 and method. */
export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** A media type (RFC 3261 §20.15): type and subtype lower-cased. */
export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  readonly params: Params;
}

/** One header line as it came (or as it was set). */
export interface HeaderField {
  /** The name as written (may be a compact form such as `v`). */
  readonly name: string;
  /** Lower-case canonical long name (`v` → `via`), used for lookups. */
  readonly key: string;
  /** The value with folding collapsed to one space and outer whitespace trimmed. */
  readonly value: string;
  /** The whole line exactly as received, without its CRLF; absent for set headers. */
  readonly raw?: string;
}

/** A challenge or credentials (RFC 3261 §20.27, §20.7, §20.44, §20.28; RFC 7616). */
export interface AuthParams {
  /** Scheme as written, e.g. `Digest`. */
  readonly scheme: string;
  /** auth-params keyed by lower-case name, quotes removed and `\` escapes resolved. */
  readonly params: ReadonlyMap<string, string>;
  /** For schemes that carry a single token68 value instead of parameters. */
  readonly token?: string;
}

/** Event or Subscription-State style value: a token with parameters (RFC 6665 §8.2). */
export interface TokenWithParams {
  /** Lower case. */
  readonly value: string;
  readonly params: Params;
}

/** What parseMessage needs to know about where the bytes came from. */
export interface ParseOptions {
  /**
   * `datagram` (default, RFC 3261 §18.3): a missing Content-Length means the rest of the
   * datagram, extra bytes past it are discarded. `stream`: Content-Length is required and
   * the bytes must be exactly one message (use StreamFramer first).
   */
  readonly transport?: 'datagram' | 'stream';
}

/** Limits for the stream framer; defaults in stream-framer.ts. */
export interface StreamFramerOptions {
  /** Largest header block (start line to the empty line). Default 64 KiB. */
  readonly maxHeaderBytes?: number;
  /** Largest whole message. Default 1 MiB. */
  readonly maxMessageBytes?: number;
  /**
   * RFC 5626 §4.4.1, §5.4: on a connection we opened we send pings and get pongs
   * (`client`: every CRLF is a pong, reported at once); on one we accepted we get pings
   * (`server`: a lone CRLF waits for a second one, so a ping cut between reads is one ping,
   * and a stray CRLF before a message is ignored as RFC 3261 §7.5 says). `either` (the
   * default) reports a lone CRLF at the end of a read as a pong at once and, when the next
   * read completes it, a ping as well.
   */
  readonly keepAliveRole?: 'client' | 'server' | 'either';
}

/** What the stream framer hands to the transport. */
export type StreamFrame =
  | { readonly type: 'message'; readonly data: Buffer }
  /** RFC 5626 §3.5.1: a double CRLF "ping"; answer with a single CRLF. */
  | { readonly type: 'ping' }
  /** RFC 5626 §3.5.1: a single CRLF "pong". */
  | { readonly type: 'pong' }
  /** The connection should be closed; the framer accepts nothing more. */
  | { readonly type: 'error'; readonly error: SipFramingError };

/** Header input for builders: name and value pairs in order. */
export type HeaderInit = ReadonlyArray<readonly [name: string, value: string | number]>;
