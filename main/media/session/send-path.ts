import type { NegotiatedCodec } from '../../sdp';
import { FRAME_MS, Resampler } from '../audio';
import { isOpusDtxPayload, type AudioCodec, type CodecRegistry } from '../codecs';
import { SenderStats, serializeRtpPacket } from '../rtp';
import { VOICE_RESAMPLING } from './voice-resampling';
import { createCodec, sameCodec } from './codec-factory';
import { MediaSetupError } from './errors';
import { sendPacketMs } from './packet-time';
import { SendStream } from './send-stream';

/** The peer's packetization wishes from its SDP (RFC 4566 §6). */
export interface PacketTimeHint {
  readonly ptime?: number | undefined;
  readonly maxptime?: number | undefined;
}

/**
 * The send half of a call: 48 kHz frames → resample to the codec's rate → encode → RTP.
 * Frames of 20 ms are gathered into packets of the peer's a=ptime (see sendPacketMs): several
 * frames per packet, or two packets per frame for 10 ms. The caller protects and sends the
 * packets (so SRTP and the socket stay outside).
 */
export class SendPath {
  readonly stream = new SendStream();
  readonly stats = new SenderStats();
  packetsSent = 0;
  lastSentAt: number | undefined;
  private codec: AudioCodec | undefined;
  private negotiated: NegotiatedCodec | undefined;
  private resampler: Resampler | undefined;
  private tsPerFrame = 960;
  private packetMs = FRAME_MS;
  private tsPerPacket = 960;
  private samplesPerPacket = 960;
  /** Codec-rate samples waiting for a full packet; the stream's timestamp is the first one's. */
  private pending: Int16Array = new Int16Array(0);
  /** When the newest frame was taken in: for the RTP timestamp of an SR (RFC 3550 §6.4.1). */
  private stampedAt = 0;

  constructor(
    private readonly registry: CodecRegistry,
    private readonly output: (packet: Buffer) => void,
  ) {}

  get codecName(): NegotiatedCodec['name'] | undefined {
    return this.negotiated?.name;
  }

  /** Milliseconds of audio in each packet we send. */
  get packetTimeMs(): number {
    return this.packetMs;
  }

  /**
   * Switches to the negotiated send codec and the peer's packet time; keeps the encoder when
   * the codec did not change.
   */
  setCodec(codec: NegotiatedCodec, hint: PacketTimeHint = {}): MediaSetupError | undefined {
    const packetMs = sendPacketMs(codec.name, hint.ptime, hint.maxptime);
    if (sameCodec(this.negotiated, codec)) {
      if (packetMs !== this.packetMs && this.codec) this.setPacketTime(this.codec, packetMs);
      return undefined;
    }
    const created = createCodec(this.registry, codec);
    if (created instanceof MediaSetupError) return created;
    this.dropPending();
    this.codec?.dispose();
    this.codec = created;
    this.negotiated = codec;
    this.resampler = created.sampleRate === 48000 ? undefined : new Resampler(48000, created.sampleRate, VOICE_RESAMPLING);
    this.tsPerFrame = created.timestampIncrement(FRAME_MS);
    this.setPacketTime(created, packetMs);
    this.stream.skip(0); // RFC 3551 §4.1: a new codec starts a talk spurt
    return undefined;
  }

  /** Takes one 20 ms frame and sends every packet it completes; null (source ended) just lets time pass. */
  sendFrame(frame: Int16Array | null, now: number): void {
    const codec = this.codec;
    if (!codec || !this.negotiated) return;
    if (!frame) return this.skipFrame(now);
    const pcm = this.resampler ? this.resampler.process(frame) : frame;
    this.stampedAt = now;
    this.pending = this.pending.length === 0 ? pcm : concat(this.pending, pcm);
    while (this.pending.length >= this.samplesPerPacket) {
      const chunk = this.pending.subarray(0, this.samplesPerPacket);
      this.pending = this.pending.subarray(this.samplesPerPacket);
      this.sendPacket(codec, this.negotiated, chunk, now);
    }
    // the rest waits for the next frame: copy it out of buffers the source or resampler reuse
    this.pending = this.pending.slice();
  }

  /**
   * A frame's worth of time without audio (hold, DTMF, silence): audio gathered for an
   * unfinished packet is dropped with it, the timestamp runs on.
   */
  skipFrame(now: number): void {
    this.dropPending();
    this.stream.skip(this.tsPerFrame);
    this.stampedAt = now;
  }

  /** The RTP timestamp that corresponds to `now` (RFC 3550 §6.4.1 SR). */
  timestampAt(now: number, clockRate: number): number {
    const gathered = this.pendingTs();
    return (this.stream.currentTimestamp() + gathered + Math.round(((now - this.stampedAt - FRAME_MS) * clockRate) / 1000)) >>> 0;
  }

  get clockRate(): number {
    return this.codec?.clockRate ?? 8000;
  }

  dispose(): void {
    this.codec?.dispose();
    this.codec = undefined;
  }

  private sendPacket(codec: AudioCodec, negotiated: NegotiatedCodec, pcm: Int16Array, now: number): void {
    const payload = codec.encode(pcm);
    // RFC 7587 §3.1.3: DTX frames are not sent; the next packet starts a talk spurt
    if (negotiated.name === 'opus' && isOpusDtxPayload(payload)) return this.stream.skip(this.tsPerPacket);
    const stamp = this.stream.nextAudio(this.tsPerPacket);
    const packet = serializeRtpPacket({ ...stamp, payloadType: negotiated.pt, ssrc: this.stream.ssrc, csrcs: [], payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), paddingLength: 0 });
    this.stats.onSent(payload.byteLength);
    this.packetsSent++;
    this.lastSentAt = now;
    this.output(packet);
  }

  private setPacketTime(codec: AudioCodec, packetMs: number): void {
    this.dropPending();
    this.packetMs = packetMs;
    this.tsPerPacket = codec.timestampIncrement(packetMs);
    this.samplesPerPacket = codec.frameSamples(packetMs);
  }

  /** Forgets gathered audio; the timestamp moves past it so later packets keep their place in time. */
  private dropPending(): void {
    if (this.pending.length === 0) return;
    this.stream.skip(this.pendingTs());
    this.pending = new Int16Array(0);
  }

  /** Gathered samples in RTP timestamp units (G.722: 16 kHz audio on an 8 kHz clock, RFC 3551 §4.5.2). */
  private pendingTs(): number {
    if (this.pending.length === 0 || !this.codec) return 0;
    return Math.round((this.pending.length * this.codec.clockRate) / this.codec.sampleRate);
  }
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
