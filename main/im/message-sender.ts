import type { UserAgent } from '../sip/ua';
import { formatUri, type BodyInit, type Uri } from '../sip/message';

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
  const from = options.from ? { from: options.from } : {};
  let request = ua.createRequest('MESSAGE', to, { body, ...from });
  // RFC 3428 §7 / RFC 3261 §18.1.1: over 1300 bytes only a congestion-controlled transport may carry it.
  const size = request.toBuffer().length + 120; // + the Via the transport adds
  const overStream = to.params.get('transport') === 'tcp' || to.params.get('transport') === 'tls' || to.scheme === 'sips';
  const tooBig = size > MESSAGE_UDP_LIMIT && !overStream;
  const limit = `Message too large for UDP (${size} bytes > ${MESSAGE_UDP_LIMIT}, RFC 3428 §7)`;
  if (tooBig) {
    if (!ua.listening.some((l) => l.transport === 'tcp')) return { kind: 'failed', reason: `${limit} and no TCP listener` };
    const overTcp: Uri = { ...to, params: new Map(to.params).set('transport', 'tcp') };
    request = ua.createRequest('MESSAGE', overTcp, { body, to: `<${formatUri(to)}>`, ...from });
  }
  let response;
  try {
    ({ response } = await ua.send(request));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return tooBig ? { kind: 'failed', reason: `${limit}; over TCP: ${reason}` } : { kind: 'unreachable', reason };
  }
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered' };
  const reason = `${response.status} ${response.reason}`;
  // A peer that takes no TCP cannot take this message at all: waiting for it would not help.
  if (tooBig && response.status === 503) return { kind: 'failed', reason: `${limit}; over TCP: ${reason}` };
  return RETRY_LATER.has(response.status) ? { kind: 'unreachable', reason } : { kind: 'failed', reason };
}
