import { samplesFor, type AudioCodec } from './audio-codec';
import { CodecFrameError } from './errors';
import { G722Decoder } from './g722-decoder';
import { G722Encoder } from './g722-encoder';
import { PitchPlc } from './pitch-plc';

/**
 * G.722 (pt 9): 16 kHz audio, 64 kbit/s, but an RTP clock of 8000 Hz for historical
 * reasons (RFC 3551 §4.5.2); 20 ms is 320 samples, 160 octets, a timestamp step of 160.
 * Lost frames are concealed by pitch repetition on the output; the ADPCM state is left as
 * it was and re-adapts on the next packet.
 */
export class G722Codec implements AudioCodec {
  readonly name = 'G722';
  readonly clockRate = 8000;
  readonly sampleRate = 16000;
  readonly channels = 1;
  private readonly encoder = new G722Encoder();
  private readonly decoder = new G722Decoder();
  private readonly plc = new PitchPlc(16000);

  frameSamples(ptimeMs: number): number {
    return samplesFor(this.sampleRate, ptimeMs);
  }

  timestampIncrement(ptimeMs: number): number {
    return samplesFor(this.clockRate, ptimeMs);
  }

  encode(pcm: Int16Array): Uint8Array {
    if (pcm.length % 2 !== 0) throw new CodecFrameError(this.name, `G.722 encodes sample pairs; got ${pcm.length} samples`);
    return this.encoder.encode(pcm);
  }

  decode(payload: Uint8Array): Int16Array {
    return this.plc.received(this.decoder.decode(payload));
  }

  conceal(samples: number): Int16Array {
    return this.plc.conceal(samples);
  }

  recover(_nextPayload: Uint8Array, samples: number): Int16Array {
    return this.plc.conceal(samples);
  }

  reset(): void {
    this.encoder.reset();
    this.decoder.reset();
    this.plc.reset();
  }

  dispose(): void {
    this.reset();
  }
}
