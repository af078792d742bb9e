import type { MediaPathFacts } from '../../media/session';

/** How long one direction may stay silent before we name a cause. */
export const SILENCE_MS = 5000;

/**
 * Names why media is missing in a direction, in words for the call screen, or undefined when
 * it flows (or is not meant to: hold). `ageMs` is how long the media has been running.
 */
export function diagnoseMediaPath(p: MediaPathFacts, ageMs: number): string | undefined {
  const expectReceive = p.direction === 'sendrecv' || p.direction === 'recvonly';
  const expectSend = p.direction === 'sendrecv' || p.direction === 'sendonly';
  if (p.peerLeft) return undefined;
  // Without ICE we cannot know whether a relay was configured: the engine runs calls with ICE on unless told otherwise
  const noTurn = p.ice ? !p.ice.turnConfigured : true;
  const turnHint = noTurn ? 'TURN not configured' : 'the TURN relay did not get through either';
  // RFC 8445 §8.1.2: every candidate pair failed its checks (or consent was lost, RFC 7675 §5.1)
  if (p.ice?.state === 'failed' && !(p.rtpReceived && (p.sinceLastReceivedMs ?? Infinity) < SILENCE_MS)) {
    return `no media from peer: ICE found no working path between our candidates and theirs (UDP blocked or filtered by a NAT); ${turnHint}`;
  }
  if (p.ice?.state === 'checking' && ageMs >= 2 * SILENCE_MS) {
    return `no media from peer: ICE connectivity checks are still running after ${Math.round(ageMs / 1000)} s; ${turnHint}`;
  }
  if (expectReceive && !p.rtpReceived && ageMs >= SILENCE_MS) {
    return p.rtpSent
      ? `no media from peer: their NAT or firewall may filter what we send, or they send to an address we are not on; ${turnHint}`
      : 'no media either way: the peer did not answer with a usable media address';
  }
  if (expectReceive && p.rtpReceived && (p.sinceLastReceivedMs ?? 0) >= SILENCE_MS) {
    return `media from the peer stopped ${Math.round((p.sinceLastReceivedMs ?? 0) / 1000)} s ago: their network path may have changed`;
  }
  if (expectSend && !p.rtpSent && ageMs >= SILENCE_MS) return 'we are not sending media: check the audio source';
  return undefined;
}
