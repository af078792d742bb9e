/** What a datagram on a shared media port is (RFC 7983 §7, RFC 5764 §5.1.2). */
export type MediaPacketKind = 'stun' | 'zrtp' | 'dtls' | 'turn-channel' | 'rtp' | 'rtcp' | 'unknown';

/**
 * RFC 7983 §7 by first octet: 0-3 STUN, 16-19 ZRTP, 20-63 DTLS, 64-79 TURN channel,
 * 128-191 RTP/RTCP, then RFC 5761 §4 by second octet to tell RTCP from RTP.
 */
export function classifyMediaPacket(packet: Uint8Array): MediaPacketKind {
  if (packet.length === 0) return 'unknown';
  const b = packet[0]!;
  if (b <= 3) return 'stun';
  if (b >= 16 && b <= 19) return 'zrtp';
  if (b >= 20 && b <= 63) return 'dtls';
  if (b >= 64 && b <= 79) return 'turn-channel';
  if (b >= 128 && b <= 191) {
    if (packet.length < 2) return 'unknown';
    return isRtcpPacketType(packet[1]!) ? 'rtcp' : 'rtp';
  }
  return 'unknown';
}

/**
 * RFC 5761 §4: with rtcp-mux the second octet is RTCP packet type 192-223 exactly when it
 * would be RTP marker+PT 64-95, which is why those payload types must not be used for RTP.
 */
export function isRtcpPacketType(secondOctet: number): boolean {
  return secondOctet >= 192 && secondOctet <= 223;
}

/** RFC 5761 §4: payload types an RTP stream may use when RTP and RTCP share a port. */
export function isMuxSafePayloadType(payloadType: number): boolean {
  return payloadType >= 0 && payloadType <= 127 && (payloadType < 64 || payloadType > 95);
}
