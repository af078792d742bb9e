import { describe, expect, it } from 'vitest';
import { classifyMediaPacket, isMuxSafePayloadType } from '../../../main/media/rtp';
import { fixture, hex } from './fixtures';

describe('Demultiplexing (RFC 7983 §7, RFC 5761 §4)', () => {
  it('tells RTP from RTCP by the second octet', () => {
    expect(classifyMediaPacket(fixture('pcmu-20ms.hex'))).toBe('rtp');
    expect(classifyMediaPacket(fixture('mixer-ext-padding.hex'))).toBe('rtp');
    expect(classifyMediaPacket(fixture('telephone-event.hex'))).toBe('rtp');
    for (const name of ['rtcp-sr-sdes.hex', 'rtcp-rr-sdes-bye.hex', 'rtcp-rr-app.hex']) expect(classifyMediaPacket(fixture(name))).toBe('rtcp');
    // marker set on PT 95 reads as 223, the last RTCP type; PT 96 with marker is RTP again
    expect(classifyMediaPacket(hex('80df'))).toBe('rtcp');
    expect(classifyMediaPacket(hex('80e0'))).toBe('rtp');
    expect(classifyMediaPacket(hex('80bf'))).toBe('rtp');
  });

  it('sorts STUN, ZRTP, DTLS and TURN channel data by the first octet', () => {
    expect(classifyMediaPacket(hex('0001 0000 2112a442'))).toBe('stun');
    expect(classifyMediaPacket(hex('03'))).toBe('stun');
    expect(classifyMediaPacket(hex('10'))).toBe('zrtp');
    expect(classifyMediaPacket(hex('16fefd'))).toBe('dtls');
    expect(classifyMediaPacket(hex('17fefd'))).toBe('dtls');
    expect(classifyMediaPacket(hex('4000 0004'))).toBe('turn-channel');
    expect(classifyMediaPacket(hex('4f'))).toBe('turn-channel');
  });

  it('calls empty, truncated and out-of-range first octets unknown', () => {
    expect(classifyMediaPacket(Buffer.alloc(0))).toBe('unknown');
    expect(classifyMediaPacket(hex('80'))).toBe('unknown');
    for (const b of [4, 15, 80, 127, 192, 255]) expect(classifyMediaPacket(Buffer.from([b, 0]))).toBe('unknown');
  });

  it('knows which payload types are safe with rtcp-mux', () => {
    expect(isMuxSafePayloadType(0)).toBe(true);
    expect(isMuxSafePayloadType(63)).toBe(true);
    expect(isMuxSafePayloadType(64)).toBe(false);
    expect(isMuxSafePayloadType(95)).toBe(false);
    expect(isMuxSafePayloadType(96)).toBe(true);
    expect(isMuxSafePayloadType(128)).toBe(false);
  });
});
