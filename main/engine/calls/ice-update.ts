import type { Clock } from '../../lib/clock';
import type { Call } from './call';

const SDP = 'application/sdp';

/** Tries while another offer is in progress (ours or the peer's), and the wait between them, ms. */
const BUSY_ATTEMPTS = 3;
const BUSY_WAIT_MS = 1500;

/**
 * RFC 8839 §4.3.4: once ICE has selected a pair and we control it, a re-INVITE whose c=/m=
 * carry the selected local candidate (same ICE credentials, so no restart, §4.4.1.2.2) when the
 * session's default candidate is another one, so the peer and SIP-aware middleboxes see the
 * path media really takes. Nothing is sent for a call that is not connected, is on hold (the
 * resume re-offer carries the candidate) or has ended, or when the media has no update due.
 * A 491 is retried by the session itself (RFC 3261 §14.1); while another offer is in progress
 * this waits and tries again, and that offer usually makes the update unneeded.
 */
export async function sendIceUpdate(call: Call, clock: Clock, attempt = 0): Promise<void> {
  const session = call.session;
  const media = call.media;
  if (call.state !== 'connected' || call.held || !session?.active || !media?.createIceUpdateOffer) return;
  const offer = await media.createIceUpdateOffer();
  if (!offer) return;
  let response;
  try {
    response = await session.reinvite({ data: offer, contentType: SDP });
  } catch {
    // another offer in progress, or the call ended meanwhile
    if (attempt + 1 >= BUSY_ATTEMPTS || call.ended) return;
    await new Promise<void>((resolve) => clock.setTimeout(resolve, BUSY_WAIT_MS));
    return sendIceUpdate(call, clock, attempt + 1);
  }
  // a refusal leaves the session as it was (RFC 3264 §8): media keeps flowing on the selected pair
  if (response.status < 200 || response.status >= 300 || call.ended) return;
  await media.acceptAnswer(response.body.toString('utf8'));
}
