import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { dominantFrequency, ToneSource, toneDbfs } from '../../../main/media/audio';
import { G711Codec, OpusCodec } from '../../../main/media/codecs';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from '../../../main/media/rtp';
import { codecRegistry } from '../../../main/media/session/codec-factory';
import { sendPacketMs } from '../../../main/media/session/packet-time';
import { SendPath } from '../../../main/media/session/send-path';
import type { NegotiatedCodec } from '../../../main/sdp';
import { callPair, expectTone, side, sleep } from './call-pair';

const PCMU: NegotiatedCodec = { name: 'pcmu', pt: 0, clockRate: 8000, channels: 1, remoteParams: {} };
const G722: NegotiatedCodec = { name: 'g722', pt: 9, clockRate: 8000, channels: 1, remoteParams: {} };
const OPUS: NegotiatedCodec = { name: 'opus', pt: 111, clockRate: 48000, channels: 2, remoteParams: {} };

describe('sendPacketMs: the peer\'s a=ptime / a=maxptime (RFC 4566 §6, RFC 7587 §4.2)', () => {
  it.each([
    ['pcmu', undefined, undefined, 20],
    ['pcmu', 30, undefined, 30],
    ['pcmu', 40, undefined, 40],
    ['pcma', 25, undefined, 20], // 10 ms steps, rounded down
    ['pcmu', 5, undefined, 10],
    ['pcmu', 40, 30, 30], // maxptime caps ptime
    ['pcmu', undefined, 10, 10],
    ['pcmu', 500, undefined, 120],
    ['g722', 60, undefined, 60],
    ['opus', 30, undefined, 20], // one Opus frame per packet: 10, 20, 40 or 60 ms
    ['opus', 40, undefined, 40],
    ['opus', 60, undefined, 60],
    ['opus', 120, undefined, 60],
    ['opus', 10, undefined, 10],
    ['opus', 60, 40, 40],
    ['opus', 20, 5, 20], // a maxptime below any packet we can make is ignored
  ] as const)('%s with ptime %s, maxptime %s → %i ms', (codec, ptime, maxptime, ms) => {
    expect(sendPacketMs(codec, ptime, maxptime)).toBe(ms);
  });
});

/** A SendPath fed 20 ms frames of a tone, collecting what it puts on the wire. */
function sender(codec: NegotiatedCodec, ptime?: number, maxptime?: number): { path: SendPath; packets: RtpPacket[]; feed: (frames: number) => void } {
  const packets: RtpPacket[] = [];
  const path = new SendPath(codecRegistry({ inbandFec: false }), (buf) => {
    const r = parseRtpPacket(buf);
    if (!r.ok) throw r.error;
    packets.push(r.value);
  });
  expect(path.setCodec(codec, { ptime, maxptime })).toBeUndefined();
  const tone = new ToneSource(700);
  let now = 0;
  const feed = (frames: number): void => {
    for (let i = 0; i < frames; i++) path.sendFrame(tone.read(), (now += 20));
  };
  return { path, packets, feed };
}

function steps(packets: readonly RtpPacket[]): { seq: number[]; ts: number[] } {
  return {
    seq: packets.slice(1).map((p, i) => (p.sequenceNumber - packets[i]!.sequenceNumber) & 0xffff),
    ts: packets.slice(1).map((p, i) => (p.timestamp - packets[i]!.timestamp) >>> 0),
  };
}

describe('SendPath on the wire: packet sizes and timestamps follow the packet time', () => {
  it('PCMU at ptime 40: one 320-byte packet every second frame, timestamps +320, marker on the first only', () => {
    const { packets, feed, path } = sender(PCMU, 40);
    expect(path.packetTimeMs).toBe(40);
    feed(10);
    expect(packets).toHaveLength(5);
    expect(packets.every((p) => p.payload.length === 320)).toBe(true);
    expect(steps(packets)).toEqual({ seq: [1, 1, 1, 1], ts: [320, 320, 320, 320] });
    expect(packets.map((p) => p.marker)).toEqual([true, false, false, false, false]);
  });

  it('PCMU at ptime 30: 240-byte packets, timestamps +240, 2 packets per 3 frames', () => {
    const { packets, feed } = sender(PCMU, 30);
    feed(9);
    expect(packets).toHaveLength(6);
    expect(packets.every((p) => p.payload.length === 240)).toBe(true);
    expect(steps(packets).ts).toEqual([240, 240, 240, 240, 240]);
  });

  it('G.722 at ptime 60: 480-byte packets on the 8 kHz RTP clock (RFC 3551 §4.5.2), timestamps +480', () => {
    const { packets, feed } = sender(G722, 60);
    feed(6);
    expect(packets).toHaveLength(2);
    expect(packets.map((p) => p.payload.length)).toEqual([480, 480]);
    expect(steps(packets).ts).toEqual([480]);
  });

  it('Opus at ptime 60: one 60 ms frame per packet (TOC config of a 60 ms frame), timestamps +2880', () => {
    const { packets, feed } = sender(OPUS, 60);
    feed(9);
    expect(packets).toHaveLength(3);
    expect(steps(packets).ts).toEqual([2880, 2880]);
    // RFC 6716 §3.1: the TOC byte says 60 ms, so each packet decodes to 2880 samples
    const opus = new OpusCodec();
    expect(packets.map((p) => opus.decode(p.payload).length)).toEqual([2880, 2880, 2880]);
    opus.dispose();
  });

  it('Opus at ptime 10: two 10 ms packets per frame, timestamps +480', () => {
    const { packets, feed } = sender(OPUS, 10);
    feed(3);
    expect(packets).toHaveLength(6);
    expect(steps(packets)).toEqual({ seq: [1, 1, 1, 1, 1], ts: [480, 480, 480, 480, 480] });
  });

  it('maxptime caps the packet time: ptime 60 with maxptime 20 sends 20 ms', () => {
    const { packets, feed } = sender(PCMU, 60, 20);
    feed(3);
    expect(packets.map((p) => p.payload.length)).toEqual([160, 160, 160]);
  });

  it('a skipped frame in the middle of a packet drops the half-gathered audio and keeps the timestamps on time', () => {
    const { packets, feed, path } = sender(PCMU, 40);
    feed(2); // packet 1 at ts0
    feed(1); // 20 ms gathered
    path.skipFrame(80); // DTMF or hold: the gathered 20 ms and this frame are not sent
    feed(2); // packet 2 at ts0 + 4 frames = +640
    expect(packets).toHaveLength(2);
    expect(steps(packets).ts).toEqual([640]);
    expect(packets[1]!.marker).toBe(true); // RFC 3551 §4.1: a new talk spurt
  });

  it('a re-negotiated ptime switches the packet size without a new codec', () => {
    const { packets, feed, path } = sender(PCMU, 20);
    feed(2);
    path.setCodec(PCMU, { ptime: 40 });
    feed(4);
    expect(packets.map((p) => p.payload.length)).toEqual([160, 160, 320, 320]);
    expect(steps(packets).ts).toEqual([160, 160, 320]);
  });

  it('the RTP timestamp for an SR (RFC 3550 §6.4.1) runs with time whatever the packet time', () => {
    const twenty = sender(PCMU, 20);
    const forty = sender(PCMU, 40);
    const base20 = twenty.path.stream.currentTimestamp();
    const base40 = forty.path.stream.currentTimestamp();
    for (let frame = 1; frame <= 6; frame++) {
      twenty.feed(1);
      forty.feed(1);
      const now = frame * 20 + 7;
      expect((twenty.path.timestampAt(now, 8000) - base20) >>> 0).toBe((forty.path.timestampAt(now, 8000) - base40) >>> 0);
    }
    expect((forty.path.timestampAt(127, 8000) - base40) >>> 0).toBe(5 * 160 + 7 * 8);
  });

  it('the packets carry the tone: PCMU at ptime 30 decodes to 700 Hz', () => {
    const { packets, feed } = sender(PCMU, 30);
    feed(30);
    const g711 = new G711Codec('ulaw');
    const pcm = Int16Array.from(packets.flatMap((p) => [...g711.decode(p.payload)]));
    expect(Math.abs(dominantFrequency(pcm.subarray(800), 8000) - 700)).toBeLessThan(10);
  });
});

/**
 * A peer on a plain UDP socket that offers PCMU with a=ptime:`ptime`, sends 1000 Hz in
 * packets of that length at that pace, and keeps what LiteSIP sends back.
 */
async function rawPeerCall(ptime: number): Promise<{ got: RtpPacket[]; heard: Int16Array }> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const port = socket.address().port;
  const got: RtpPacket[] = [];
  socket.on('message', (msg) => {
    const r = parseRtpPacket(msg);
    if (r.ok && r.value.payloadType === 0) got.push(r.value);
  });
  const b = await side(440, { srtp: 'off' });
  const offer = ['v=0', 'o=- 7 7 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', `a=ptime:${ptime}`, 'a=sendrecv', ''].join('\r\n');
  const answer = b.session.createAnswer(offer);
  if (!answer.ok) throw new Error(answer.reason);
  expect(answer.sdp).toMatch(/a=ptime:20\r\n/);
  const target = Number(/m=audio (\d+)/.exec(answer.sdp)![1]);
  const g711 = new G711Codec('ulaw');
  const samples = (8000 * ptime) / 1000;
  let seq = 1000;
  let ts = 5000;
  let phase = 0;
  const timer = setInterval(() => {
    const pcm = new Int16Array(samples);
    for (let i = 0; i < samples; i++) pcm[i] = Math.round(8000 * Math.sin((phase += (2 * Math.PI * 1000) / 8000)));
    const payload = Buffer.from(g711.encode(pcm));
    socket.send(serializeRtpPacket({ payloadType: 0, sequenceNumber: seq++, timestamp: ts, ssrc: 0x1234, marker: seq === 1001, csrcs: [], payload, paddingLength: 0 }), target, '127.0.0.1');
    ts += samples;
  }, ptime);
  await sleep(1500);
  clearInterval(timer);
  await b.session.close();
  socket.close();
  return { got, heard: b.received.tail(600) };
}

describe('MediaSession with a peer that asks for other packet times (real sockets)', () => {
  it.each([30, 40])('PCMU a=ptime:%i: we send packets of that length and play the peer\'s packets of that length', async (ptime) => {
    const { got, heard } = await rawPeerCall(ptime);
    const bytes = (8000 * ptime) / 1000;
    expect(got.length).toBeGreaterThan(10);
    expect(got.every((p) => p.payload.length === bytes)).toBe(true);
    expect(steps(got).ts.every((d) => d === bytes)).toBe(true);
    expect(Math.abs(dominantFrequency(heard, 48000) - 1000)).toBeLessThan(10);
    expect(toneDbfs(heard, 48000, 1000)).toBeGreaterThan(-17);
  });
});

describe('Two sessions where the offer asks for other packet times', () => {
  it.each([
    { codec: 'opus', ptime: 60, packets: 16 },
    { codec: 'opus', ptime: 10, packets: 100 },
    { codec: 'g722', ptime: 30, packets: 33 },
    { codec: 'pcma', ptime: 120, packets: 8 },
  ] as const)('$codec at a=ptime:$ptime: the answerer sends that, the offerer plays it, SRTP on', async ({ codec, ptime, packets }) => {
    // A's offer says a=ptime:N, so B sends N ms packets; B's answer says 20, so A sends 20 ms
    const { a, b } = await callPair({ codecs: [codec], srtp: 'mandatory' }, { offer: (sdp) => sdp.replace('a=ptime:20', `a=ptime:${ptime}`) });
    await sleep(1200);
    expect(b.session.negotiated?.remotePtime).toBe(ptime);
    const qa = a.session.quality();
    const qb = b.session.quality();
    // about 1.2 s of audio in packets of N ms
    expect(Math.abs(qb.packetsSent - packets * (1200 / 1000))).toBeLessThan(packets * 0.5);
    expect(qa.srtpFailures + qb.srtpFailures).toBe(0);
    expectTone(a.received.tail(600), 1000, { dominantFrequency, toneDbfs });
    expectTone(b.received.tail(600), 440, { dominantFrequency, toneDbfs });
  });
});
