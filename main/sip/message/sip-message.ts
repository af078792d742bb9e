import { EAGER_KEYS, applyEager, copyEager, emptyEager, resetEager, type EagerHeaders } from './eager-headers';
import { SipBuildError } from './errors';
import { ReceivedHeaders, setLines, type HeaderValue } from './header-field';
import { headerKey, isListHeader, prettyName } from './header-names';
import { HEADERS, runSpec, splitValues, type HeaderSpec } from './lazy-headers';
import { serializeMessage } from './serialize-message';
import { splitList } from './split-list';
import { formatVia } from './via';
import type { AuthParams, CSeq, HeaderField, MediaType, NameAddr, ParseResult, TokenWithParams, Via } from './types';

export type { HeaderValue };

const EMPTY = Buffer.alloc(0);

/** The eagerly parsed headers, as the parser and builders hand them to a message. */
export type { EagerHeaders };

/**
 * A SIP message (RFC 3261 §7): header lines in order, the eagerly parsed headers, lazily
 * parsed typed accessors, and the body. Change it only through the setters; an unmodified
 * parsed message serializes to the bytes it came from.
 */
export abstract class SipMessage {
  abstract readonly kind: 'request' | 'response';
  private lazy: Map<string, ParseResult<unknown>> | undefined;
  private binaryHead = false;
  /** Header lines in order, once built; read them through getHeader/getHeaders or `headerFields`. */
  private fieldList: HeaderField[] | undefined;
  /** The parsed header lines not yet built into `fieldList`. */
  private received: ReceivedHeaders | undefined;

  protected constructor(
    fields: HeaderField[] | ReceivedHeaders,
    protected eager: EagerHeaders,
    private bodyBytes: Buffer = EMPTY,
    /** The bytes this message was parsed from, while it is unmodified. */
    private rawBytes: Buffer | undefined = undefined,
  ) {
    if (fields instanceof ReceivedHeaders) {
      this.received = fields;
    } else {
      this.fieldList = fields;
    }
  }

  /** Header lines in order (built from the parsed block on first use). */
  private get fields(): HeaderField[] {
    if (this.fieldList === undefined) {
      this.fieldList = (this.received as ReceivedHeaders).fields();
      this.received = undefined;
    }
    return this.fieldList;
  }

  /** Every header line, in order, as received or set. */
  get headerFields(): readonly HeaderField[] {
    return this.fields;
  }
  get body(): Buffer {
    return this.bodyBytes;
  }
  /** How header text maps to bytes: latin1 when the received head was not valid UTF-8. */
  get headEncoding(): 'utf8' | 'latin1' {
    return this.binaryHead ? 'latin1' : 'utf8';
  }
  /** Called by the parser when the head had bytes that are not UTF-8 (kept one char per byte). */
  markBinaryHead(): void {
    this.binaryHead = true;
  }
  /** The bytes the message was parsed from; undefined once it is modified. */
  get raw(): Buffer | undefined {
    return this.rawBytes;
  }

  // RFC 3261 §8.1.1: the headers every request and response carries, parsed eagerly.
  get via(): readonly Via[] {
    return this.eager.via;
  }
  get from(): NameAddr {
    return this.eager.from as NameAddr;
  }
  get to(): NameAddr {
    return this.eager.to as NameAddr;
  }
  get callId(): string {
    return this.eager.callId as string;
  }
  get cseq(): CSeq {
    return this.eager.cseq as CSeq;
  }
  get maxForwards(): number | undefined {
    return this.eager.maxForwards;
  }
  get contact(): readonly NameAddr[] {
    return this.eager.contact;
  }
  /** `Contact: *` (RFC 3261 §10.2.2). */
  get contactWildcard(): boolean {
    return this.eager.contactWildcard;
  }
  /** Content-Length as received or set; the serializer always writes the body's length. */
  get contentLength(): number | undefined {
    return this.eager.contentLength;
  }
  get contentType(): MediaType | undefined {
    return this.eager.contentType;
  }
  get route(): readonly NameAddr[] {
    return this.eager.route;
  }
  get recordRoute(): readonly NameAddr[] {
    return this.eager.recordRoute;
  }
  /** The From tag (RFC 3261 §8.1.1.3). */
  get fromTag(): string | undefined {
    return this.eager.from?.params.get('tag') ?? undefined;
  }
  /** The To tag (RFC 3261 §8.2.6.2); undefined outside a dialog. */
  get toTag(): string | undefined {
    return this.eager.to?.params.get('tag') ?? undefined;
  }

  // Typed accessors, parsed on first use; undefined when absent or malformed (see `parsed`).
  get expires(): number | undefined {
    return this.value(HEADERS.expires);
  }
  get minExpires(): number | undefined {
    return this.value(HEADERS.minExpires);
  }
  get supported(): string[] | undefined {
    return this.value(HEADERS.supported);
  }
  get require(): string[] | undefined {
    return this.value(HEADERS.require);
  }
  get proxyRequire(): string[] | undefined {
    return this.value(HEADERS.proxyRequire);
  }
  get unsupported(): string[] | undefined {
    return this.value(HEADERS.unsupported);
  }
  get allow(): string[] | undefined {
    return this.value(HEADERS.allow);
  }
  get allowEvents(): string[] | undefined {
    return this.value(HEADERS.allowEvents);
  }
  get event(): TokenWithParams | undefined {
    return this.value(HEADERS.event);
  }
  get subscriptionState(): TokenWithParams | undefined {
    return this.value(HEADERS.subscriptionState);
  }
  get wwwAuthenticate(): AuthParams[] | undefined {
    return this.value(HEADERS.wwwAuthenticate);
  }
  get proxyAuthenticate(): AuthParams[] | undefined {
    return this.value(HEADERS.proxyAuthenticate);
  }
  get authorization(): AuthParams[] | undefined {
    return this.value(HEADERS.authorization);
  }
  get proxyAuthorization(): AuthParams[] | undefined {
    return this.value(HEADERS.proxyAuthorization);
  }
  get authenticationInfo(): ReadonlyMap<string, string> | undefined {
    return this.value(HEADERS.authenticationInfo);
  }
  get referTo(): NameAddr | undefined {
    return this.value(HEADERS.referTo);
  }
  get referredBy(): NameAddr | undefined {
    return this.value(HEADERS.referredBy);
  }
  get userAgent(): string | undefined {
    return this.value(HEADERS.userAgent);
  }
  get server(): string | undefined {
    return this.value(HEADERS.server);
  }
  get subject(): string | undefined {
    return this.value(HEADERS.subject);
  }

  /**
   * Parses a header with `spec` (from HEADERS, or your own) on first use and caches it:
   * undefined when absent, else the value or a typed error (a UAS answers 400 with its reason).
   */
  parsed<T>(spec: HeaderSpec<T>): ParseResult<T> | undefined {
    const cached = this.lazy?.get(spec.key);
    if (cached !== undefined) return cached as ParseResult<T>;
    const raw = this.rawValues(spec.key);
    if (raw.length === 0) return undefined;
    const result = runSpec(spec, splitValues(isListHeader(spec.key), raw));
    (this.lazy ??= new Map()).set(spec.key, result);
    return result;
  }

  private value<T>(spec: HeaderSpec<T>): T | undefined {
    const r = this.parsed(spec);
    return r?.ok ? r.value : undefined;
  }

  private rawValues(key: string): string[] {
    const out: string[] = [];
    for (const f of this.fields) if (f.key === key) out.push(f.value);
    return out;
  }

  /** The first line's value of a header (any case, compact or long name). */
  getHeader(name: string): string | undefined {
    const key = headerKey(name);
    for (const f of this.fields) if (f.key === key) return f.value;
    return undefined;
  }

  /** Every value of a header in order; list headers are split at top-level commas (RFC 3261 §7.3.1). */
  getHeaders(name: string): string[] {
    const key = headerKey(name);
    return splitValues(isListHeader(key), this.rawValues(key));
  }

  hasHeader(name: string): boolean {
    const key = headerKey(name);
    return this.fields.some((f) => f.key === key);
  }

  /**
   * Replaces every line of a header with one line per value, where its first line was (or at
   * the end). Throws SipBuildError when an eagerly parsed header gets a bad value.
   */
  setHeader(name: string, value: HeaderValue | readonly HeaderValue[]): void {
    const key = headerKey(name);
    const lines = setLines(name, key, value);
    const at = this.fields.findIndex((f) => f.key === key);
    const kept = this.fields.filter((f) => f.key !== key);
    const pos = at < 0 ? kept.length : at;
    this.commit(key, [...kept.slice(0, pos), ...lines, ...kept.slice(pos)]);
  }

  /** Adds a line after every other header. */
  appendHeader(name: string, value: HeaderValue): void {
    const key = headerKey(name);
    this.commit(key, [...this.fields, ...setLines(name, key, value)]);
  }

  /** Adds a line before the first line of the same header (or first of all): a new top Via (RFC 3261 §8.1.1.7). */
  prependHeader(name: string, value: HeaderValue): void {
    const key = headerKey(name);
    const at = Math.max(0, this.fields.findIndex((f) => f.key === key));
    this.commit(key, [...this.fields.slice(0, at), ...setLines(name, key, value), ...this.fields.slice(at)]);
  }

  /**
   * Replaces the first Via entry with `via` (a value built by createVia/viaWithParam, so it
   * is not parsed again), keeping every other entry exactly as it came: what a transport
   * does to stamp received/rport (RFC 3261 §18.2.1, RFC 3581 §4) or sent-by (§18.1.1).
   */
  setTopVia(via: Via): void {
    const fields = this.fields;
    const at = fields.findIndex((f) => f.key === 'via');
    const line = { name: at < 0 ? 'Via' : (fields[at] as HeaderField).name.length === 1 ? 'Via' : (fields[at] as HeaderField).name, key: 'via', value: formatVia(via) };
    let next: HeaderField[];
    if (at < 0) {
      next = [line, ...fields];
    } else {
      // the first line may hold several entries (RFC 3261 §7.3.1): the others stay on a line of their own
      const rest = splitList((fields[at] as HeaderField).value).slice(1);
      const lines = rest.length === 0 ? [line] : [line, { name: line.name, key: 'via', value: rest.join(', ') }];
      next = [...fields.slice(0, at), ...lines, ...fields.slice(at + 1)];
    }
    this.eager.via = [via, ...this.eager.via.slice(1)];
    this.fieldList = next;
    this.received = undefined;
    this.lazy?.delete('via');
    this.rawBytes = undefined;
  }

  /** Removes every line of a header; returns how many went. */
  removeHeader(name: string): number {
    const key = headerKey(name);
    const kept = this.fields.filter((f) => f.key !== key);
    const removed = this.fields.length - kept.length;
    if (removed > 0) this.commit(key, kept);
    return removed;
  }

  /**
   * Sets the body; Content-Type is set when given and removed when the body is empty.
   * Content-Length is written from the body when serialized (RFC 3261 §20.14).
   */
  setBody(body: Buffer | string, contentType?: string): void {
    this.bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.rawBytes = undefined;
    if (contentType !== undefined) this.setHeader('Content-Type', contentType);
    else if (this.bodyBytes.length === 0) this.removeHeader('Content-Type');
  }

  /** The message as bytes: the received bytes while unmodified, else re-rendered. */
  toBuffer(): Buffer {
    return serializeMessage(this);
  }

  toString(): string {
    return this.toBuffer().toString('utf8');
  }

  /** The start line, without CRLF. */
  abstract startLine(): string;

  /** Marks the message changed, so it is re-rendered when serialized. */
  protected touch(): void {
    this.rawBytes = undefined;
  }



  /** Installs new header lines after re-parsing the eager header they touch. */
  private commit(key: string, fields: HeaderField[]): void {
    if (EAGER_KEYS.has(key)) {
      const scratch = emptyEager();
      for (const f of fields) {
        if (f.key !== key) continue;
        const bad = applyEager(scratch, key, f.value);
        if (bad !== undefined) throw new SipBuildError(prettyName(key), bad);
      }
      resetEager(this.eager, key);
      copyEager(this.eager, scratch, key);
    }
    this.fieldList = fields;
    this.received = undefined;
    this.lazy?.delete(key);
    this.rawBytes = undefined;
  }
}

