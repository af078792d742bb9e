import type { UserAgent } from '../sip/ua';
import type { BodyInit, Uri } from '../sip/message';

/** RFC 3428 §7: a MESSAGE over this size needs a congestion-controlled transport. */
export const MESSAGE_UDP_LIMIT = 1300;

/** How a MESSAGE ended: delivered, worth retrying when the peer is back, or failed for good. */
export type SendOutcome = { kind: 'delivered' } | { kind: 'unreachable'; reason: string } | { kind: 'failed'; reason: string };

/** Statuses that say "not now" rather than "never": the peer is offline or unreachable. */
const RETRY_LATER = new Set([408, 480, 503, 504]);

export interface MessageSendOptions {
  /** Our address for From (the account's AOR in server mode). */
  from?: string;
}

/**
 * Sends one MESSAGE (RFC 3428 §4) outside any dialog and classifies the final response.
 * Local 408/503 (timeout, transport failure) count as unreachable.
 */
export async function sendMessage(ua: UserAgent, to: Uri, body: BodyInit, options: MessageSendOptions = {}): Promise<SendOutcome> {
  const request = ua.createRequest('MESSAGE', to, { body, ...(options.from ? { from: options.from } : {}) });
  // RFC 3428 §7 / RFC 3261 §18.1.1: over 1300 bytes only a stream transport may carry it.
  const size = request.toBuffer().length + 120; // + the Via the transport adds
  const overStream = to.params.get('transport') === 'tcp' || to.params.get('transport') === 'tls' || to.scheme === 'sips';
  if (size > MESSAGE_UDP_LIMIT && !overStream && !ua.listening.some((l) => l.transport === 'tcp' || l.transport === 'tls')) {
    return { kind: 'failed', reason: `Message too large for UDP (${size} bytes > ${MESSAGE_UDP_LIMIT}, RFC 3428 §7) and no TCP listener` };
  }
  let response;
  try {
    ({ response } = await ua.send(request));
  } catch (err) {
    return { kind: 'unreachable', reason: err instanceof Error ? err.message : String(err) };
  }
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered' };
  const reason = `${response.status} ${response.reason}`;
  return RETRY_LATER.has(response.status) ? { kind: 'unreachable', reason } : { kind: 'failed', reason };
}
