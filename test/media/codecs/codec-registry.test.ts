import { describe, expect, it } from 'vitest';
import { CodecRegistry, G711Codec, G722Codec, OpusCodec, UnknownCodecError } from '../../../main/media/codecs';

describe('CodecRegistry', () => {
  const registry = new CodecRegistry();

  it('knows the RFC 3551 static payload types', () => {
    expect(registry.byStaticPayloadType(0)?.encodingName).toBe('PCMU');
    expect(registry.byStaticPayloadType(8)?.encodingName).toBe('PCMA');
    expect(registry.byStaticPayloadType(9)?.encodingName).toBe('G722');
    expect(registry.byStaticPayloadType(18)).toBeUndefined();
  });

  it('finds codecs by rtpmap name, case-insensitively, with clock rate and channels', () => {
    expect(registry.find('pcmu', 8000)?.staticPayloadType).toBe(0);
    expect(registry.find('G722', 8000)?.clockRate).toBe(8000);
    expect(registry.find('G722', 16000)).toBeUndefined();
    expect(registry.find('OPUS', 48000, 2)?.staticPayloadType).toBeUndefined();
    expect(registry.find('opus', 48000, 1)).toBeUndefined();
    expect(registry.find('telephone-event', 8000)).toBeUndefined();
  });

  it('lists opus first and creates working codecs', () => {
    expect(registry.all().map((c) => c.encodingName)).toEqual(['opus', 'G722', 'PCMU', 'PCMA']);
    expect(registry.create('PCMA', 8000)).toBeInstanceOf(G711Codec);
    expect(registry.create('G722')).toBeInstanceOf(G722Codec);
    const o = registry.create('opus', 48000, { useinbandfec: 1, usedtx: 1 });
    expect(o).toBeInstanceOf(OpusCodec);
    expect((o as OpusCodec).options).toMatchObject({ fec: true, dtx: true });
    o.dispose();
    expect(() => registry.create('iLBC', 8000)).toThrow(UnknownCodecError);
  });
});
