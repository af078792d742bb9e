import { CODECS, type NegotiatedCodec, type OpusOptions as SdpOpusOptions } from '../../sdp';
import { CodecRegistry, type AudioCodec } from '../codecs';
import { MediaSetupError } from './errors';

/** Encoder defaults from our settings; the peer's fmtp then adjusts them (RFC 7587 §6.1). */
export function codecRegistry(opus: SdpOpusOptions | undefined): CodecRegistry {
  return new CodecRegistry({ opus: { fec: opus?.inbandFec ?? true } });
}

/** A codec instance for a negotiated format, or a MediaSetupError value. */
export function createCodec(registry: CodecRegistry, codec: NegotiatedCodec): AudioCodec | MediaSetupError {
  try {
    return registry.create(CODECS[codec.name].encoding, codec.clockRate, codec.remoteParams);
  } catch (err) {
    return new MediaSetupError(`cannot build codec ${codec.name}: ${(err as Error).message}`);
  }
}

/** Two negotiated codecs that need the same instance. */
export function sameCodec(a: NegotiatedCodec | undefined, b: NegotiatedCodec): boolean {
  return a !== undefined && a.name === b.name && a.pt === b.pt && JSON.stringify(a.remoteParams) === JSON.stringify(b.remoteParams);
}
