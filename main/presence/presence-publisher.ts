import type { Clock, TimerHandle } from '../lib/clock';
import type { SipResponse, Uri } from '../sip/message';
import type { UserAgent } from '../sip/ua';
import { PIDF_TYPE } from './pidf-build';

export interface PublisherOptions {
  /** Our address of record: the PUBLISH target (RFC 3903 §4). */
  aor: Uri;
  from: string;
  expires: number;
}

/** Refresh this long before the entity tag expires (RFC 3903 §4.1). */
const REFRESH_MARGIN_S = 30;

/**
 * Server mode (RFC 3903): PUBLISH our PIDF to the presence server, keep its entity tag,
 * refresh before expiry with SIP-If-Match and no body, and remove it on shutdown.
 */
export class PresencePublisher {
  private etag: string | undefined;
  private timer: TimerHandle | undefined;
  private document: string | undefined;
  private expires: number;
  private closed = false;
  /** One PUBLISH at a time, so each carries the entity tag of the one before (RFC 3903 §4.4). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ua: UserAgent,
    private readonly clock: Clock,
    private readonly options: PublisherOptions,
  ) {
    this.expires = options.expires;
  }

  get entityTag(): string | undefined {
    return this.etag;
  }

  /** RFC 3903 §4.1 initial or §4.4 modify: PUBLISH with a body. */
  publish(pidf: string): Promise<SipResponse> {
    this.document = pidf;
    return this.serialized(() => this.send(pidf));
  }

  /** RFC 3903 §4.5: remove our state (Expires: 0), waiting at most `waitMs`. */
  async stop(waitMs = 500): Promise<void> {
    this.closed = true;
    this.clock.clearTimeout(this.timer);
    const remove = this.serialized(async () => {
      if (this.etag) await this.ua.send(this.request(0, undefined));
      this.etag = undefined;
    });
    await Promise.race([remove.catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private request(expires: number, body: string | undefined) {
    const headers: [string, string][] = [
      ['Event', 'presence'],
      ['Expires', String(expires)],
    ];
    if (this.etag) headers.push(['SIP-If-Match', this.etag]);
    return this.ua.createRequest('PUBLISH', this.options.aor, {
      from: this.options.from,
      to: this.options.from,
      headers,
      ...(body !== undefined ? { body: { data: body, contentType: PIDF_TYPE } } : {}),
    });
  }

  private async send(body: string | undefined): Promise<SipResponse> {
    const { response } = await this.ua.send(this.request(this.expires, body));
    if (this.closed) return response;
    if (response.status >= 200 && response.status < 300) {
      this.etag = response.getHeader('SIP-ETag') ?? this.etag;
      const granted = response.expires ?? this.expires;
      this.clock.clearTimeout(this.timer);
      // RFC 3903 §4.1: refresh with SIP-If-Match and no body before the tag expires.
      this.timer = this.clock.setTimeout(() => void this.serialized(() => this.send(undefined)).catch(() => undefined), Math.max(1, granted - Math.min(REFRESH_MARGIN_S, granted / 2)) * 1000);
      return response;
    }
    if (response.status === 412 && this.etag !== undefined && this.document !== undefined) {
      // RFC 3903 §6: the server forgot our tag; publish the whole state again.
      this.etag = undefined;
      return this.send(this.document);
    }
    if (response.status === 423 && response.minExpires !== undefined && response.minExpires > this.expires) {
      this.expires = response.minExpires;
      return this.send(body ?? this.document);
    }
    return response;
  }
}
