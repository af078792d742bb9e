import type { EagerHeaders } from './eager-headers';
import type { ReceivedHeaders } from './header-field';
import { formatUri } from './format-uri';
import { SipMessage } from './sip-message';
import type { HeaderField, Uri } from './types';

/** A request (RFC 3261 §7.1). */
export class SipRequest extends SipMessage {
  readonly kind = 'request' as const;

  constructor(
    readonly method: string,
    private requestUri: Uri,
    /** The Request-URI as it is written on the start line. */
    private requestUriText: string,
    fields: HeaderField[] | ReceivedHeaders,
    eager: EagerHeaders,
    body?: Buffer,
    raw?: Buffer,
  ) {
    super(fields, eager, body, raw);
  }

  get uri(): Uri {
    return this.requestUri;
  }
  get uriText(): string {
    return this.requestUriText;
  }

  /** Replaces the Request-URI (RFC 3261 §16.5 retargeting, §12.2.1.1 remote target). */
  setUri(uri: Uri): void {
    this.requestUri = uri;
    this.requestUriText = formatUri(uri);
    this.touch();
  }

  startLine(): string {
    return `${this.method} ${this.requestUriText} SIP/2.0`;
  }
}
