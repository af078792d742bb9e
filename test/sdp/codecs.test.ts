import { describe, expect, it } from 'vitest';
import { createAnswer, createLocalSession, parseCodecList, SdpNegotiationError, UnknownCodecError, WARN_CODES } from '../../main/sdp';

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

describe('sdp: telephone-event events in answers (RFC 4733)', () => {
  function answered(fmtp: string | undefined): string[] {
    const body = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000'];
    if (fmtp !== undefined) body.push(`a=fmtp:101 ${fmtp}`);
    const { sdp } = createAnswer(createLocalSession('198.51.100.1', { sessionId: '9' }), [...body, ''].join('\r\n'), { address: '198.51.100.1', port: 5000 });
    return sdp.split('\r\n').filter((l) => l.startsWith('m=') || l.startsWith('a=fmtp'));
  }

  it('narrows the offered events to 0-16 and keeps their shape', () => {
    expect(answered('0-15,66,70')).toEqual(['m=audio 5000 RTP/AVP 0 101', 'a=fmtp:101 0-15']);
    expect(answered('0-11,16')).toEqual(['m=audio 5000 RTP/AVP 0 101', 'a=fmtp:101 0-11,16']);
    expect(answered('0-255')).toEqual(['m=audio 5000 RTP/AVP 0 101', 'a=fmtp:101 0-16']);
    expect(answered(undefined)).toEqual(['m=audio 5000 RTP/AVP 0 101', 'a=fmtp:101 0-15']);
  });

  it('drops telephone-event when none of its events are ours', () => {
    expect(answered('32-40')).toEqual(['m=audio 5000 RTP/AVP 0']);
  });
});
