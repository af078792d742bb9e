/** A plain RTP packet: 12-octet header (PT 0) and a payload of `size` octets. */
export function rtpPacket(seq: number, ssrc = 0x11223344, size = 160, timestamp = seq * 160): Buffer {
  const p = Buffer.alloc(12 + size);
  p[0] = 0x80;
  p[1] = 0x00;
  p.writeUInt16BE(seq & 0xffff, 2);
  p.writeUInt32BE(timestamp >>> 0, 4);
  p.writeUInt32BE(ssrc >>> 0, 8);
  for (let i = 0; i < size; i++) p[12 + i] = (seq + i) & 0xff;
  return p;
}

/** A receiver report with one report block, from `ssrc`. */
export function rtcpReceiverReport(ssrc = 0x11223344): Buffer {
  const p = Buffer.alloc(32);
  p[0] = 0x81;
  p[1] = 201;
  p.writeUInt16BE(7, 2);
  p.writeUInt32BE(ssrc >>> 0, 4);
  p.writeUInt32BE(0xdecafbad, 8);
  p.writeUInt32BE(0x01000005, 12);
  p.writeUInt32BE(0x00012345, 16);
  p.writeUInt32BE(42, 20);
  return p;
}
