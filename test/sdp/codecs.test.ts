import { describe, expect, it } from 'vitest';
import { parseCodecList, UnknownCodecError, WARN_CODES, SdpNegotiationError } from '../../main/sdp';

describe('sdp: codec preference list (--codec)', () => {
  it('reads names case-insensitively, in order, without duplicates', () => {
    expect(parseCodecList('opus,pcmu')).toEqual(['opus', 'pcmu']);
    expect(parseCodecList(' PCMA , G722,pcma ')).toEqual(['pcma', 'g722']);
  });

  it('refuses unknown names and empty lists', () => {
    expect(() => parseCodecList('opus,g729')).toThrow(UnknownCodecError);
    expect(() => parseCodecList('opus,g729')).toThrow('unknown codec "g729"');
    expect(() => parseCodecList(' , ')).toThrow(UnknownCodecError);
  });
});

describe('sdp: 488 warnings (RFC 3261 §20.43)', () => {
  it('formats the Warning header value', () => {
    const e = new SdpNegotiationError(305, 'no common audio codec');
    expect(e.statusCode).toBe(488);
    expect(e.warnText).toBe('Incompatible media format');
    expect(e.warningHeader('litesip.example.org')).toBe('305 litesip.example.org "Incompatible media format"');
    expect(WARN_CODES[304]).toBe('Media type not available');
  });
});
