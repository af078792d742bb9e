import type { Clock } from '../../lib/clock';
import type { NegotiatedCodec } from '../../sdp';
import { DEVICE_RATE, FRAME_SAMPLES, Resampler } from '../audio';
import type { AudioCodec, CodecRegistry } from '../codecs';
import { JitterBuffer, type JitterStats } from '../jitter';
import type { RtpPacket } from '../rtp';
import { VOICE_RESAMPLING } from './voice-resampling';
import { createCodec } from './codec-factory';
import { MediaSetupError } from './errors';

interface Chain {
  readonly pt: number;
  readonly codec: AudioCodec;
  readonly jitter: JitterBuffer;
  readonly resampler: Resampler | undefined;
}

/**
 * The receive half of a call: RTP → jitter buffer → decode (or conceal) → resample to 48 kHz.
 * The decoder follows the payload type of the packets, among the negotiated codecs (RFC 3264
 * §6.1: the answerer may send any of them).
 */
export class ReceivePath {
  private codecs = new Map<number, NegotiatedCodec>();
  private chain: Chain | undefined;
  private previous: JitterStats | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly registry: CodecRegistry,
    private readonly delay: { minDelayMs: number; maxDelayMs: number },
  ) {}

  setCodecs(codecs: readonly NegotiatedCodec[]): void {
    this.codecs = new Map(codecs.map((c) => [c.pt, c]));
    if (this.chain && !this.codecs.has(this.chain.pt)) this.drop();
  }

  accepts(pt: number): boolean {
    return this.codecs.has(pt);
  }

  /** Queues a packet of a negotiated codec; a codec that cannot be built comes back as an error value. */
  push(packet: RtpPacket): MediaSetupError | undefined {
    if (this.chain?.pt !== packet.payloadType) {
      const codec = this.codecs.get(packet.payloadType);
      if (!codec) return undefined;
      const built = this.build(codec);
      if (built instanceof MediaSetupError) return built;
      this.drop();
      this.chain = built;
    }
    this.chain.jitter.push(packet);
    return undefined;
  }

  /** One 20 ms frame at 48 kHz: audio, concealment, or silence when nothing is playing. */
  pull(): { pcm: Int16Array; kind: 'audio' | 'concealed' | 'silence' } {
    const chain = this.chain;
    if (!chain) return { pcm: new Int16Array(FRAME_SAMPLES), kind: 'silence' };
    const frame = chain.jitter.pull();
    const pcm = chain.resampler ? chain.resampler.process(frame.pcm) : frame.pcm;
    return { pcm: fit(pcm), kind: frame.kind };
  }

  /** Jitter buffer statistics, summed over codec changes. */
  get stats(): JitterStats | undefined {
    const now = this.chain?.jitter.stats;
    const before = this.previous;
    if (!now) return before;
    if (!before) return now;
    return {
      ...now,
      received: now.received + before.received,
      late: now.late + before.late,
      duplicates: now.duplicates + before.duplicates,
      lost: now.lost + before.lost,
      underruns: now.underruns + before.underruns,
      recovered: now.recovered + before.recovered,
      dropped: now.dropped + before.dropped,
      inserted: now.inserted + before.inserted,
      resyncs: now.resyncs + before.resyncs,
    };
  }

  /** Forgets the stream in play (hold, SSRC handled by the buffer itself). */
  reset(): void {
    this.chain?.jitter.reset();
  }

  dispose(): void {
    this.drop();
  }

  private build(codec: NegotiatedCodec): Chain | MediaSetupError {
    const created = createCodec(this.registry, codec);
    if (created instanceof MediaSetupError) return created;
    return {
      pt: codec.pt,
      codec: created,
      jitter: new JitterBuffer(this.clock, created, { clockRate: codec.clockRate, ...this.delay }),
      resampler: created.sampleRate === DEVICE_RATE ? undefined : new Resampler(created.sampleRate, DEVICE_RATE, VOICE_RESAMPLING),
    };
  }

  private drop(): void {
    if (!this.chain) return;
    this.previous = this.stats;
    this.chain.codec.dispose();
    this.chain = undefined;
  }
}

function fit(pcm: Int16Array): Int16Array {
  if (pcm.length === FRAME_SAMPLES) return pcm;
  const out = new Int16Array(FRAME_SAMPLES);
  out.set(pcm.subarray(0, FRAME_SAMPLES));
  return out;
}
