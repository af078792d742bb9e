import type { AudioCodec } from './audio-codec';
import { UnknownCodecError } from './errors';
import { G711Codec } from './g711-codec';
import { G722Codec } from './g722-codec';
import { OpusCodec } from './opus-codec';
import { opusOptionsFromFmtp, type OpusOptions } from './opus-options';

/** What the SDP code needs to offer, answer and instantiate a codec. */
export interface CodecDescriptor {
  /** RTP encoding name as written in a=rtpmap. */
  readonly encodingName: string;
  readonly clockRate: number;
  /** Channel count for a=rtpmap (omitted there when 1). */
  readonly channels: number;
  /** RFC 3551 §6 static payload type, or undefined for a dynamic one (96–127). */
  readonly staticPayloadType: number | undefined;
  /** fmtp we offer for our own receive side, if any. */
  readonly defaultFmtp: Readonly<Record<string, string | number>> | undefined;
  /** Builds a codec; `remoteFmtp` is the peer's fmtp for this payload type. */
  create(remoteFmtp?: Readonly<Record<string, string | number>>): AudioCodec;
}

export interface CodecRegistryOptions {
  /** Defaults for the Opus encoder before the peer's fmtp is applied. */
  opus?: OpusOptions;
}

/** The codecs LiteSIP speaks, by preference, with RFC 3551 / RFC 7587 identities. */
export function codecDescriptors(options: CodecRegistryOptions = {}): CodecDescriptor[] {
  return [
    {
      encodingName: 'opus',
      clockRate: 48000,
      channels: 2,
      staticPayloadType: undefined,
      defaultFmtp: { minptime: 10, useinbandfec: 1 },
      create: (fmtp) => new OpusCodec(opusOptionsFromFmtp(fmtp ?? {}, options.opus)),
    },
    { encodingName: 'G722', clockRate: 8000, channels: 1, staticPayloadType: 9, defaultFmtp: undefined, create: () => new G722Codec() },
    { encodingName: 'PCMU', clockRate: 8000, channels: 1, staticPayloadType: 0, defaultFmtp: undefined, create: () => new G711Codec('ulaw') },
    { encodingName: 'PCMA', clockRate: 8000, channels: 1, staticPayloadType: 8, defaultFmtp: undefined, create: () => new G711Codec('alaw') },
  ];
}

/** Lookup of codecs by RTP encoding name; names compare case-insensitively (RFC 4566 §6). */
export class CodecRegistry {
  private readonly list: CodecDescriptor[];

  constructor(options: CodecRegistryOptions = {}) {
    this.list = codecDescriptors(options);
  }

  /** All codecs in preference order. */
  all(): readonly CodecDescriptor[] {
    return this.list;
  }

  /** The codec for an rtpmap `name/clockRate[/channels]`, or undefined. */
  find(encodingName: string, clockRate?: number, channels?: number): CodecDescriptor | undefined {
    const name = encodingName.toLowerCase();
    return this.list.find(
      (c) =>
        c.encodingName.toLowerCase() === name &&
        (clockRate === undefined || c.clockRate === clockRate) &&
        (channels === undefined || c.channels === channels),
    );
  }

  /** The codec of a static payload type (RFC 3551 Table 4), for an m= line without rtpmap. */
  byStaticPayloadType(pt: number): CodecDescriptor | undefined {
    return this.list.find((c) => c.staticPayloadType === pt);
  }

  /** Builds the codec for an rtpmap name, or throws UnknownCodecError. */
  create(encodingName: string, clockRate?: number, remoteFmtp?: Readonly<Record<string, string | number>>): AudioCodec {
    const d = this.find(encodingName, clockRate);
    if (!d) throw new UnknownCodecError(clockRate === undefined ? encodingName : `${encodingName}/${clockRate}`);
    return d.create(remoteFmtp);
  }
}
