import { describe, expect, it } from 'vitest';
import { dtmfDigit, dtmfEventCode, parseRtpPacket, parseTelephoneEvent, serializeTelephoneEvent } from '../../../main/media/rtp';
import { fixture } from './fixtures';

describe('RFC 4733 telephone-event payload', () => {
  it('reads the digit, E bit, volume and duration of a captured end packet', () => {
    const rtp = parseRtpPacket(fixture('telephone-event.hex'));
    if (!rtp.ok) throw rtp.error;
    expect(rtp.value.payloadType).toBe(101);
    const e = parseTelephoneEvent(rtp.value.payload);
    expect(e).toEqual({ ok: true, value: { event: 5, end: true, volume: 10, duration: 800 } });
    expect(serializeTelephoneEvent({ event: 5, end: true, volume: 10, duration: 800 })).toEqual(rtp.value.payload);
  });

  it('ignores the R bit on receipt and sends it as zero', () => {
    const e = parseTelephoneEvent(Buffer.from([11, 0x40 | 7, 0, 160]));
    expect(e).toEqual({ ok: true, value: { event: 11, end: false, volume: 7, duration: 160 } });
    expect(serializeTelephoneEvent({ event: 11, end: false, volume: 7, duration: 160 })[1]).toBe(7);
  });

  it('refuses truncated payloads and fields out of range', () => {
    const payload = fixture('telephone-event.hex').subarray(12);
    for (const cut of [0, 1, 3]) {
      const r = parseTelephoneEvent(payload.subarray(0, cut));
      expect(r.ok ? 'ok' : r.error.reason).toBe('truncated');
    }
    expect(() => serializeTelephoneEvent({ event: 1, end: false, volume: 64, duration: 0 })).toThrow(/volume/);
    expect(() => serializeTelephoneEvent({ event: 1, end: false, volume: 0, duration: 65536 })).toThrow(/duration/);
    expect(() => serializeTelephoneEvent({ event: 256, end: false, volume: 0, duration: 0 })).toThrow(/event/);
  });

  it('maps DTMF digits to event codes and back (§3.2)', () => {
    expect([...'0123456789*#ABCD'].map(dtmfEventCode)).toEqual([...Array(16).keys()]);
    expect(dtmfEventCode('a')).toBe(12);
    expect(dtmfEventCode('x')).toBeUndefined();
    expect(dtmfEventCode('12')).toBeUndefined();
    expect(dtmfDigit(10)).toBe('*');
    expect(dtmfDigit(16)).toBeUndefined();
  });
});
