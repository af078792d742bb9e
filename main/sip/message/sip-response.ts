import type { EagerHeaders } from './eager-headers';
import type { ReceivedHeaders } from './header-field';
import { SipMessage } from './sip-message';
import type { HeaderField } from './types';

/** A response (RFC 3261 §7.2). */
export class SipResponse extends SipMessage {
  readonly kind = 'response' as const;

  constructor(
    readonly status: number,
    readonly reason: string,
    fields: HeaderField[] | ReceivedHeaders,
    eager: EagerHeaders,
    body?: Buffer,
    raw?: Buffer,
  ) {
    super(fields, eager, body, raw);
  }

  startLine(): string {
    return `SIP/2.0 ${this.status} ${this.reason}`;
  }
}
