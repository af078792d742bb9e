import { describe, expect, it } from 'vitest';
import { DtmfDigitError, DtmfReceiver, DtmfSender, type DtmfDigitEvent } from '../../../main/media/dtmf';
import { parseRtpPacket } from '../../../main/media/rtp';
import { VirtualClock } from '../../helpers/virtual-clock';

const SSRC = 0x11223344;
const TS_BASE = 0x12345678;

function setup(options: { clockRate?: number; payloadType?: number } = {}): { clock: VirtualClock; sent: { at: number; hex: string; bytes: Buffer }[]; sender: DtmfSender } {
  const clock = new VirtualClock();
  const sent: { at: number; hex: string; bytes: Buffer }[] = [];
  let seq = 1000;
  const rate = options.clockRate ?? 8000;
  const stream = {
    ssrc: SSRC,
    nextSequence: () => seq++ & 0xffff,
    // the audio timestamp runs with the clock
    currentTimestamp: () => (TS_BASE + Math.round((clock.now() * rate) / 1000)) >>> 0,
  };
  const sender = new DtmfSender(clock, stream, (p) => sent.push({ at: clock.now(), hex: p.toString('hex'), bytes: p }), {
    payloadType: options.payloadType ?? 101,
    clockRate: rate,
  });
  return { clock, sent, sender };
}

describe('DtmfSender (RFC 4733)', () => {
  it('sends start, update and three end packets for one digit, byte for byte', () => {
    const { clock, sent, sender } = setup();
    expect(sender.send('1')).toEqual({ ok: true });
    expect(sender.active).toBe(true);
    clock.advance(1000);
    expect(sent.map((s) => [s.at, s.hex])).toEqual([
      // V=2, M=1 PT=101, seq 1000, ts, SSRC | event 1, E=0 volume 10, duration 400 (50 ms at 8 kHz)
      [0, '80e503e8123456781122334401' + '0a' + '0190'],
      // update: no marker, next seq, same timestamp, duration 800
      [50, '806503e9123456781122334401' + '0a' + '0320'],
      // end: E bit, final duration, three times with new sequence numbers
      [100, '806503ea123456781122334401' + '8a' + '0320'],
      [120, '806503eb123456781122334401' + '8a' + '0320'],
      [140, '806503ec123456781122334401' + '8a' + '0320'],
    ]);
    expect(sender.active).toBe(false);
  });

  it('spaces digits by the gap, each with its own timestamp and marker', () => {
    const { clock, sent, sender } = setup();
    sender.send('#A');
    clock.advance(1000);
    expect(sent).toHaveLength(10);
    const second = sent[5]!;
    expect(second.at).toBe(150);
    // '#' is event 11, 'A' event 12 (RFC 4733 §3.2); 150 ms later the audio clock moved 1200 units
    expect(second.hex).toBe('80e503ed' + (TS_BASE + 1200).toString(16) + '11223344' + '0c0a0190');
    expect(sent[0]!.hex.slice(24, 26)).toBe('0b');
    expect(sent.slice(5).every((s) => s.bytes.readUInt32BE(4) === TS_BASE + 1200)).toBe(true);
  });

  it('uses the negotiated payload type and clock rate (48 kHz with opus)', () => {
    const { clock, sent, sender } = setup({ clockRate: 48000, payloadType: 110 });
    sender.send('9');
    clock.advance(500);
    const first = parseRtpPacket(sent[0]!.bytes);
    const last = parseRtpPacket(sent.at(-1)!.bytes);
    expect(first.ok && first.value.payloadType).toBe(110);
    expect(first.ok && first.value.payload.toString('hex')).toBe('090a0960'); // 2400 = 50 ms at 48 kHz
    expect(last.ok && last.value.payload.toString('hex')).toBe('098a12c0'); // 4800 = 100 ms
  });

  it('refuses anything but 0-9 * # A-D, sending nothing', () => {
    const { clock, sent, sender } = setup();
    const r = sender.send('12x');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBeInstanceOf(DtmfDigitError);
    expect(sender.send('').ok).toBe(false);
    clock.advance(500);
    expect(sent).toEqual([]);
  });

  it('stops at once when asked', () => {
    const { clock, sent, sender } = setup();
    sender.send('123');
    clock.advance(60);
    sender.stop();
    clock.advance(1000);
    expect(sent).toHaveLength(2);
    expect(sender.active).toBe(false);
  });
});

describe('DtmfReceiver (RFC 4733)', () => {
  function receive(packets: Buffer[], clockRate = 8000): DtmfDigitEvent[] {
    const digits: DtmfDigitEvent[] = [];
    const receiver = new DtmfReceiver(clockRate, (d) => digits.push(d));
    for (const p of packets) {
      const parsed = parseRtpPacket(p);
      if (parsed.ok) receiver.onPacket(parsed.value);
    }
    receiver.flush();
    return digits;
  }

  function sentPackets(digits: string): Buffer[] {
    const { clock, sent, sender } = setup();
    sender.send(digits);
    clock.advance(5000);
    return sent.map((s) => s.bytes);
  }

  it('reports each digit once despite three end packets', () => {
    expect(receive(sentPackets('159#*D'))).toEqual(
      [...'159#*D'].map((digit) => ({ digit, event: '0123456789*#ABCD'.indexOf(digit), durationMs: 100 })),
    );
  });

  it('ignores retransmissions and duplicates of a finished event', () => {
    const packets = sentPackets('7');
    expect(receive([...packets, ...packets, packets[0]!, packets[4]!])).toEqual([{ digit: '7', event: 7, durationMs: 100 }]);
  });

  it('reports a digit whose end packets were all lost when the next one starts', () => {
    const packets = sentPackets('42');
    const withoutFirstEnd = packets.filter((_, i) => i < 2 || i >= 5);
    expect(receive(withoutFirstEnd).map((d) => [d.digit, d.durationMs])).toEqual([
      ['4', 100],
      ['2', 100],
    ]);
  });

  it('survives a lost start packet and reordering', () => {
    const packets = sentPackets('3');
    expect(receive([packets[1]!, packets[3]!, packets[2]!, packets[4]!])).toEqual([{ digit: '3', event: 3, durationMs: 100 }]);
  });

  it('ignores short payloads and non-DTMF events', () => {
    const digits: DtmfDigitEvent[] = [];
    const receiver = new DtmfReceiver(8000, (d) => digits.push(d));
    receiver.onPacket({ ssrc: 1, timestamp: 1, payload: Buffer.from([1, 0x8a]) });
    receiver.onPacket({ ssrc: 1, timestamp: 2, payload: Buffer.from([32, 0x8a, 0, 160]) });
    receiver.flush();
    expect(digits).toEqual([]);
  });
});
