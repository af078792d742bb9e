import type { NegotiatedCodec } from '../../sdp';
import { FRAME_MS, Resampler } from '../audio';
import { isOpusDtxPayload, type AudioCodec, type CodecRegistry } from '../codecs';
import { SenderStats, serializeRtpPacket } from '../rtp';
import { VOICE_RESAMPLING } from './voice-resampling';
import { createCodec, sameCodec } from './codec-factory';
import { MediaSetupError } from './errors';
import { SendStream } from './send-stream';

/**
 * The send half of a call: 48 kHz frames → resample to the codec's rate → encode → RTP.
 * The caller protects and sends the packets (so SRTP and the socket stay outside).
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
  /** When the newest packet was stamped: for the RTP timestamp of an SR (RFC 3550 §6.4.1). */
  private stampedAt = 0;

  constructor(
    private readonly registry: CodecRegistry,
    private readonly output: (packet: Buffer) => void,
  ) {}

  get codecName(): NegotiatedCodec['name'] | undefined {
    return this.negotiated?.name;
  }

  /** Switches to the negotiated send codec; keeps the encoder when nothing changed. */
  setCodec(codec: NegotiatedCodec): MediaSetupError | undefined {
    if (sameCodec(this.negotiated, codec)) return undefined;
    const created = createCodec(this.registry, codec);
    if (created instanceof MediaSetupError) return created;
    this.codec?.dispose();
    this.codec = created;
    this.negotiated = codec;
    this.resampler = created.sampleRate === 48000 ? undefined : new Resampler(48000, created.sampleRate, VOICE_RESAMPLING);
    this.tsPerFrame = created.timestampIncrement(FRAME_MS);
    this.stream.skip(0); // RFC 3551 §4.1: a new codec starts a talk spurt
    return undefined;
  }

  /** Encodes and emits one 20 ms frame; null (source ended) or an Opus DTX frame just lets time pass. */
  sendFrame(frame: Int16Array | null, now: number): void {
    const codec = this.codec;
    if (!codec || !this.negotiated) return;
    if (!frame) return this.skipFrame(now);
    const pcm = this.resampler ? this.resampler.process(frame) : frame;
    const payload = codec.encode(pcm);
    // RFC 7587 §3.1.3: DTX frames are not sent; the next packet starts a talk spurt
    if (this.negotiated.name === 'opus' && isOpusDtxPayload(payload)) return this.skipFrame(now);
    const stamp = this.stream.nextAudio(this.tsPerFrame);
    this.stampedAt = now;
    const packet = serializeRtpPacket({ ...stamp, payloadType: this.negotiated.pt, ssrc: this.stream.ssrc, csrcs: [], payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), paddingLength: 0 });
    this.stats.onSent(payload.byteLength);
    this.packetsSent++;
    this.lastSentAt = now;
    this.output(packet);
  }

  /** A frame's worth of time without audio (hold, DTMF, silence). */
  skipFrame(now: number): void {
    this.stream.skip(this.tsPerFrame);
    this.stampedAt = now;
  }

  /** The RTP timestamp that corresponds to `now` (RFC 3550 §6.4.1 SR). */
  timestampAt(now: number, clockRate: number): number {
    return (this.stream.currentTimestamp() + Math.round(((now - this.stampedAt - FRAME_MS) * clockRate) / 1000)) >>> 0;
  }

  get clockRate(): number {
    return this.codec?.clockRate ?? 8000;
  }

  dispose(): void {
    this.codec?.dispose();
    this.codec = undefined;
  }
}
