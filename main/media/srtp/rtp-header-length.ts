/**
 * Length of the RTP header (fixed part, CSRC list and extension; RFC 3550 §5.1, §5.3.1)
 * that SRTP leaves in the clear, or -1 when the packet is not RTP version 2 or the header
 * does not fit in the first `limit` octets.
 */
export function rtpHeaderLength(packet: Uint8Array, limit: number): number {
  if (limit < 12) return -1;
  const b0 = packet[0]!;
  if (b0 >>> 6 !== 2) return -1;
  let length = 12 + 4 * (b0 & 0x0f);
  if (b0 & 0x10) {
    if (length + 4 > limit) return -1;
    length += 4 + 4 * ((packet[length + 2]! << 8) | packet[length + 3]!);
  }
  return length > limit ? -1 : length;
}
