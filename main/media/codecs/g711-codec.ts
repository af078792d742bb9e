import { samplesFor, type AudioCodec } from './audio-codec';
import { alawDecode, alawEncode } from './g711-alaw';
import { ulawDecode, ulawEncode } from './g711-ulaw';
import { PitchPlc } from './pitch-plc';

export type G711Law = 'ulaw' | 'alaw';

/** G.711 PCMU (pt 0) or PCMA (pt 8), 8000 Hz, one byte per sample (RFC 3551 §4.5.14). */
export class G711Codec implements AudioCodec {
  readonly name: string;
  readonly clockRate = 8000;
  readonly sampleRate = 8000;
  readonly channels = 1;
  private readonly plc = new PitchPlc(8000);
  private readonly encodeFn: (pcm: Int16Array) => Uint8Array;
  private readonly decodeFn: (payload: Uint8Array) => Int16Array;

  constructor(readonly law: G711Law) {
    this.name = law === 'ulaw' ? 'PCMU' : 'PCMA';
    this.encodeFn = law === 'ulaw' ? ulawEncode : alawEncode;
    this.decodeFn = law === 'ulaw' ? ulawDecode : alawDecode;
  }

  frameSamples(ptimeMs: number): number {
    return samplesFor(this.sampleRate, ptimeMs);
  }

  timestampIncrement(ptimeMs: number): number {
    return samplesFor(this.clockRate, ptimeMs);
  }

  encode(pcm: Int16Array): Uint8Array {
    return this.encodeFn(pcm);
  }

  decode(payload: Uint8Array): Int16Array {
    return this.plc.received(this.decodeFn(payload));
  }

  conceal(samples: number): Int16Array {
    return this.plc.conceal(samples);
  }

  recover(_nextPayload: Uint8Array, samples: number): Int16Array {
    return this.plc.conceal(samples);
  }

  reset(): void {
    this.plc.reset();
  }

  dispose(): void {
    this.plc.reset();
  }
}
