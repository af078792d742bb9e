import { describe, expect, it } from 'vitest';
import { parseRtcpCompound, serializeRtcpCompound, type RtcpPacket, type RtpResult } from '../../../main/media/rtp';
import { fixture, hex } from './fixtures';

function value<T>(r: RtpResult<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

function reason<T>(r: RtpResult<T>): string {
  return r.ok ? 'ok' : r.error.reason;
}

describe('RTCP compound packets (RFC 3550 §6)', () => {
  it('reads SR with a report block and SDES CNAME, and writes it back byte for byte', () => {
    const bytes = fixture('rtcp-sr-sdes.hex');
    const packets = value(parseRtcpCompound(bytes));
    expect(packets).toEqual([
      {
        type: 'sr',
        ssrc: 0x5e1f3c2a,
        sender: { ntpSeconds: 0xe9a3f0b1, ntpFraction: 0x80000000, rtpTimestamp: 123456, packetCount: 250, octetCount: 40000 },
        reports: [{ ssrc: 0x0badcafe, fractionLost: 13, cumulativeLost: 3, highestSequence: 0x00010105, jitter: 37, lastSr: 0xa3f0b180, delaySinceLastSr: 0x8000 }],
        extension: Buffer.alloc(0),
      },
      { type: 'sdes', chunks: [{ ssrc: 0x5e1f3c2a, items: [{ type: 1, text: 'alice@192.0.2.10' }] }] },
    ]);
    expect(serializeRtcpCompound(packets)).toEqual(bytes);
  });

  it('reads RR, SDES and BYE with a reason, and writes them back', () => {
    const bytes = fixture('rtcp-rr-sdes-bye.hex');
    const packets = value(parseRtcpCompound(bytes));
    expect(packets.map((p) => p.type)).toEqual(['rr', 'sdes', 'bye']);
    expect(packets[2]).toEqual({ type: 'bye', sources: [0x0badcafe], reason: 'goodbye' });
    expect(serializeRtcpCompound(packets)).toEqual(bytes);
  });

  it('reads RR with a block and APP, and writes them back', () => {
    const bytes = fixture('rtcp-rr-app.hex');
    const packets = value(parseRtcpCompound(bytes));
    expect(packets[1]).toEqual({ type: 'app', subtype: 3, ssrc: 0x0badcafe, name: 'LSIP', data: hex('01020304') });
    expect(serializeRtcpCompound(packets)).toEqual(bytes);
  });

  it('keeps unknown packet types (feedback) as they came', () => {
    const bytes = Buffer.concat([hex('80c90001 0badcafe'), hex('81cd0002 0badcafe 5e1f3c2a')]);
    const packets = value(parseRtcpCompound(bytes));
    expect(packets[1]).toEqual({ type: 'other', packetType: 205, count: 1, body: hex('0badcafe 5e1f3c2a') });
    expect(serializeRtcpCompound(packets)).toEqual(bytes);
  });

  it('writes negative cumulative loss, BYE without reason, several SDES items and chunks, and reads them back', () => {
    const packets: RtcpPacket[] = [
      { type: 'rr', ssrc: 7, reports: [{ ssrc: 8, fractionLost: 0, cumulativeLost: -2, highestSequence: 70000, jitter: 1, lastSr: 0, delaySinceLastSr: 0 }], extension: Buffer.alloc(0) },
      {
        type: 'sdes',
        chunks: [
          { ssrc: 7, items: [{ type: 1, text: 'me@host' }, { type: 6, text: 'LiteSIP' }] },
          { ssrc: 9, items: [{ type: 1, text: 'abcd' }] },
        ],
      },
      { type: 'bye', sources: [7, 9] },
    ];
    const bytes = serializeRtcpCompound(packets);
    expect(bytes.length % 4).toBe(0);
    expect(value(parseRtcpCompound(bytes))).toEqual(packets);
  });

  it('applies the RFC 3550 §A.2 validity checks to truncated and corrupted fixtures', () => {
    const sr = fixture('rtcp-sr-sdes.hex');
    for (let cut = 0; cut < sr.length; cut += 3) expect(reason(parseRtcpCompound(sr.subarray(0, cut)))).not.toBe('ok');
    expect(reason(parseRtcpCompound(sr.subarray(0, 52 + 3)))).toBe('length');
    const v1 = Buffer.from(sr);
    v1[52] = 0x41; // the SDES packet's version
    expect(reason(parseRtcpCompound(v1))).toBe('version');
    const sdesFirst = fixture('rtcp-sr-sdes.hex').subarray(52);
    expect(reason(parseRtcpCompound(sdesFirst))).toBe('compound');
    expect(reason(parseRtcpCompound(sdesFirst, { reducedSize: true }))).toBe('ok');
    const padFirst = Buffer.from(sr);
    padFirst[0]! |= 0x20;
    expect(reason(parseRtcpCompound(padFirst))).toBe('compound');
    const longer = Buffer.from(sr);
    longer[3] = 13; // the SR claims a word more than it has before SDES
    expect(reason(parseRtcpCompound(longer))).not.toBe('ok');
    const moreBlocks = Buffer.from(sr);
    moreBlocks[0] = 0x82; // RC=2 with room for one block
    expect(reason(parseRtcpCompound(moreBlocks))).toBe('truncated');
    const noEnd = Buffer.from(fixture('rtcp-rr-sdes-bye.hex'));
    noEnd.fill(0x41, 17, 24); // SDES item text without END
    expect(reason(parseRtcpCompound(noEnd))).toBe('truncated');
    const byeReason = Buffer.from(fixture('rtcp-rr-sdes-bye.hex'));
    byeReason[32] = 20; // reason longer than the packet
    expect(reason(parseRtcpCompound(byeReason))).toBe('truncated');
  });

  it('refuses to write fields out of range', () => {
    const rr: RtcpPacket = { type: 'rr', ssrc: 1, reports: [], extension: Buffer.alloc(3) };
    expect(() => serializeRtcpCompound([rr])).toThrow(/32-bit words/);
    expect(() => serializeRtcpCompound([{ type: 'app', subtype: 0, ssrc: 1, name: 'TOOLONG', data: Buffer.alloc(0) }])).toThrow(/four ASCII/);
    expect(() => serializeRtcpCompound([{ type: 'bye', sources: new Array(32).fill(1) }])).toThrow(/0\.\.31/);
    expect(() => serializeRtcpCompound([{ type: 'sdes', chunks: [{ ssrc: 1, items: [{ type: 1, text: 'x'.repeat(256) }] }] }])).toThrow(/255 octets/);
  });

  it('strips padding from the last packet, and refuses a padding count that does not fit', () => {
    const padded = Buffer.concat([hex('80c90001 0badcafe'), hex('a1cb0002 0badcafe 00000004')]);
    expect(value(parseRtcpCompound(padded))[1]).toEqual({ type: 'bye', sources: [0x0badcafe] });
    const bad = Buffer.from(padded);
    bad[bad.length - 1] = 12;
    expect(reason(parseRtcpCompound(bad))).toBe('padding');
  });
});
