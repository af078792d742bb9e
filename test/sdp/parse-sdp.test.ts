import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnswer, createLocalSession, effectiveDirection, parseSdp, SdpCryptoError, SdpNegotiationError, SdpParseError } from '../../main/sdp';
import { loadFixture } from './load-fixture';

const MINIMAL = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 0', ''];

function sdp(lines: string[]): string {
  return lines.join('\r\n');
}

function replaced(prefix: string, line: string | undefined): string {
  const lines = MINIMAL.filter((l) => !l.startsWith(prefix));
  const at = MINIMAL.findIndex((l) => l.startsWith(prefix));
  if (line !== undefined) lines.splice(at, 0, line);
  return sdp(lines);
}

describe('sdp: parsing a real offer', () => {
  it('reads the baresip SDES offer', () => {
    const d = parseSdp(loadFixture('baresip-sdes-offer.sdp'));
    expect(d.origin).toEqual({ username: '-', sessionId: '1466390838', sessionVersion: 2936443155n, addrType: 'IP4', address: '192.168.1.10' });
    expect(d.connection).toEqual({ addrType: 'IP4', address: '192.168.1.10' });
    expect(d.timing).toEqual({ start: 0, stop: 0 });
    expect(d.attributes).toEqual([{ name: 'tool', value: 'baresip 1.0.0' }]);
    const [m] = d.media;
    expect(m?.proto).toBe('RTP/SAVP');
    expect(m?.formats).toEqual(['96', '9', '0', '8', '101']);
    expect(m?.rtpFormats).toEqual([
      { pt: 96, encoding: 'opus', clockRate: 48000, channels: 2, fmtp: 'stereo=1;sprop-stereo=1' },
      { pt: 9, encoding: 'G722', clockRate: 8000, channels: 1 },
      { pt: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 },
      { pt: 8, encoding: 'PCMA', clockRate: 8000, channels: 1 },
      { pt: 101, encoding: 'telephone-event', clockRate: 8000, channels: 1, fmtp: '0-15' },
    ]);
    expect(m?.connection).toEqual({ addrType: 'IP4', address: '192.168.1.10' });
    expect(m?.rtcp).toEqual({ port: 10671 });
    expect(m?.rtcpMux).toBe(false);
    expect(m?.ptime).toBe(20);
    expect(m?.mid).toBe('1');
    expect(m?.direction).toBe('sendrecv');
    expect(m?.crypto.map((c) => [c.tag, c.suite, c.keys[0]?.keySalt.length])).toEqual([
      [1, 'AES_CM_128_HMAC_SHA1_80', 30],
      [2, 'AES_CM_128_HMAC_SHA1_32', 30],
    ]);
    // Unknown attributes are kept.
    expect(m?.attributes).toContainEqual({ name: 'label', value: '1' });
  });

  it('reads a WebRTC offer: media-level c=, ICE without WebRTC-only candidates, DTLS, two m-lines', () => {
    const d = parseSdp(loadFixture('webrtc-browser-offer.sdp'));
    expect(d.connection).toBeUndefined();
    expect(d.media.map((m) => [m.media, m.port, m.proto, m.mid])).toEqual([
      ['audio', 50000, 'UDP/TLS/RTP/SAVPF', '0'],
      ['video', 50000, 'UDP/TLS/RTP/SAVPF', '1'],
    ]);
    const audio = d.media[0];
    expect(audio?.connection).toEqual({ addrType: 'IP4', address: '198.51.100.7' });
    expect(audio?.rtcp).toEqual({ port: 9, connection: { addrType: 'IP4', address: '0.0.0.0' } });
    expect(audio?.rtcpMux).toBe(true);
    expect(audio?.setup).toBe('actpass');
    expect(audio?.fingerprints).toEqual([
      { algorithm: 'sha-256', value: '99:A3:4E:B8:B3:28:3B:C0:C3:59:DF:1E:EA:F2:F7:DB:35:98:E5:AE:FE:3F:45:41:63:25:30:64:8E:30:C7:4B' },
    ]);
    expect(audio?.ice?.ufrag).toBe('M6Iv');
    expect(audio?.ice?.options).toEqual(['trickle']);
    // The mDNS .local candidate is dropped; generation/network-id/network-cost are not kept.
    expect(audio?.ice?.candidates).toEqual([
      { foundation: '1467250027', component: 1, transport: 'UDP', priority: 2122260223, address: '192.168.1.34', port: 50000, type: 'host' },
      {
        foundation: '842163049',
        component: 1,
        transport: 'UDP',
        priority: 1686052607,
        address: '198.51.100.7',
        port: 50000,
        type: 'srflx',
        relAddr: '192.168.1.34',
        relPort: 50000,
      },
      { foundation: '1510613869', component: 1, transport: 'TCP', priority: 1518280447, address: '192.168.1.34', port: 9, type: 'host', tcpType: 'active' },
    ]);
  });

  it('reads IPv6 c= and a=rtcp with its own address', () => {
    const d = parseSdp(loadFixture('ipv6-offer.sdp'));
    expect(d.origin.addrType).toBe('IP6');
    expect(d.connection).toEqual({ addrType: 'IP6', address: '2001:db8::20' });
    expect(d.media[0]?.rtcp).toEqual({ port: 49180, connection: { addrType: 'IP6', address: '2001:db8::21' } });
    expect(d.media[0]?.direction).toBe('recvonly');
  });

  it('understands c=0.0.0.0 as hold (RFC 3264 §8.4)', () => {
    const d = parseSdp(loadFixture('hold-reinvite-c0.sdp'));
    const m = d.media[0];
    expect(m?.direction).toBe('sendrecv');
    expect(m && effectiveDirection(m)).toBe('sendonly');
    expect(effectiveDirection({ direction: 'recvonly', connection: { addrType: 'IP4', address: '0.0.0.0' } })).toBe('inactive');
    expect(effectiveDirection({ direction: 'sendrecv', connection: { addrType: 'IP4', address: '192.0.2.1' } })).toBe('sendrecv');
  });

  it('takes LF line ends, trailing blanks, session-level direction and static types without rtpmap', () => {
    const d = parseSdp(['v=0', 'o=- 1 1 IN IP4 192.0.2.1 ', 's=', 'c=IN IP4 192.0.2.1', 't=0 0', 'a=sendonly', 'm=audio 4000 RTP/AVP 0 8 97', ''].join('\n'));
    expect(d.name).toBe('');
    expect(d.media[0]?.direction).toBe('sendonly');
    expect(d.media[0]?.rtpFormats).toEqual([
      { pt: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 },
      { pt: 8, encoding: 'PCMA', clockRate: 8000, channels: 1 },
      { pt: 97, encoding: '', clockRate: 0, channels: 1 },
    ]);
  });

  it('keeps an all-digit fmtp as text', () => {
    const d = parseSdp(sdp([...MINIMAL.slice(0, 5), 'm=audio 4000 RTP/AVP 101', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0', '']));
    expect(d.media[0]?.rtpFormats[0]?.fmtp).toBe('0');
  });

  it('needs no c= for a rejected (port 0) stream, and keeps non-RTP formats as tokens', () => {
    const d = parseSdp(sdp(['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=application 0 TCP/MRCPv2 1', 'm=message 0 TCP/MSRP *', '']));
    expect(d.media.map((m) => [m.media, m.port, m.formats, m.rtpFormats])).toEqual([
      ['application', 0, ['1'], []],
      ['message', 0, ['*'], []],
    ]);
  });
});

describe('sdp: malformed bodies give named errors fit for a 400 reason phrase', () => {
  const cases: [string, string, string][] = [
    ['empty body', '', 'SDP: empty body'],
    ['v= not first', sdp(MINIMAL.slice(1)), 'SDP: bad version line'],
    ['v=1', replaced('v=', 'v=1'), 'SDP: bad version line'],
    ['no o=', replaced('o=', undefined), 'SDP: missing origin line'],
    ['o= with 5 fields', replaced('o=', 'o=- 1 IN IP4 192.0.2.1'), 'SDP: bad origin line'],
    ['o= with letters for the version', replaced('o=', 'o=- 1 x IN IP4 192.0.2.1'), 'SDP: bad origin line'],
    ['no s=', replaced('s=', undefined), 'SDP: missing session name line'],
    ['no t=', replaced('t=', undefined), 'SDP: missing timing line'],
    ['bad t=', replaced('t=', 't=now'), 'SDP: bad timing line'],
    ['missing c=', loadFixture('malformed-missing-c.sdp'), 'SDP: missing c= for audio m-line'],
    ['IPv6 literal under IP4', replaced('c=', 'c=IN IP4 2001:db8::1'), 'SDP: bad IP4 address "2001:db8::1" in c= line'],
    ['IPv4 literal under IP6', replaced('c=', 'c=IN IP6 192.0.2.1'), 'SDP: bad IP6 address "192.0.2.1" in c= line'],
    ['c= without address', replaced('c=', 'c=IN IP4'), 'SDP: bad connection line'],
    ['ATM network type', replaced('c=', 'c=ATM NSAP 47.0091'), 'SDP: unsupported network type "ATM" in c= line'],
    ['two session c=', sdp([...MINIMAL.slice(0, 4), 'c=IN IP4 192.0.2.2', ...MINIMAL.slice(4)]), 'SDP: more than one c= line at session level'],
    ['port too large', replaced('m=', 'm=audio 70000 RTP/AVP 0'), 'SDP: bad port in audio m-line'],
    ['port not a number', replaced('m=', 'm=audio x RTP/AVP 0'), 'SDP: bad port in audio m-line'],
    ['no formats', replaced('m=', 'm=audio 4000 RTP/AVP'), 'SDP: missing formats in audio m-line'],
    ['no proto', replaced('m=', 'm=audio 4000'), 'SDP: bad transport protocol in audio m-line'],
    ['RTP payload type 128', replaced('m=', 'm=audio 4000 RTP/AVP 128'), 'SDP: bad RTP payload type "128" in audio m-line'],
    ['RTP format not a number', replaced('m=', 'm=audio 4000 RTP/AVP PCMU'), 'SDP: bad RTP payload type "PCMU" in audio m-line'],
    ['not a type=value line', sdp([...MINIMAL.slice(0, 5), 'garbage', ...MINIMAL.slice(5)]), 'SDP: malformed line "garbage"'],
    ['control characters in a quoted line', sdp([...MINIMAL.slice(0, 5), 'bad\u0000line\tx', ...MINIMAL.slice(5)]), 'SDP: malformed line "bad?line?x"'],
    ['unknown type letter', sdp([...MINIMAL.slice(0, 5), 'x=1', ...MINIMAL.slice(5)]), 'SDP: unknown line type "x="'],
    ['rtpmap without a rate', sdp([...MINIMAL.slice(0, 5), 'm=audio 4000 RTP/AVP 96', 'a=rtpmap:96 opus', '']), 'SDP: bad rtpmap for payload type 96'],
    ['bad a=rtcp', sdp([...MINIMAL, 'a=rtcp:abc', '']), 'SDP: bad a=rtcp in audio m-line'],
    ['bad ptime', sdp([...MINIMAL, 'a=ptime:fast', '']), 'SDP: bad a=ptime'],
    ['bad fingerprint', sdp([...MINIMAL, 'a=fingerprint:sha-256 XYZ', '']), 'SDP: bad a=fingerprint'],
    ['short tls-id', sdp([...MINIMAL, 'a=tls-id:abc', '']), 'SDP: bad a=tls-id'],
    ['ufrag without pwd', sdp([...MINIMAL, 'a=ice-ufrag:abcd', '']), 'SDP: ice-ufrag and ice-pwd must come together'],
    ['short ice-pwd', sdp([...MINIMAL, 'a=ice-ufrag:abcd', 'a=ice-pwd:short', '']), 'SDP: bad ice-pwd'],
    ['bad candidate', sdp([...MINIMAL, 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx', 'a=candidate:1 1 UDP x 192.0.2.1 4000 typ host', '']), 'SDP: bad ICE candidate'],
  ];
  for (const [what, body, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => parseSdp(body)).toThrow(SdpParseError);
      expect(() => parseSdp(body)).toThrow(message);
    });
  }

  it('rejects a crypto key of the wrong length with SdpCryptoError', () => {
    const body = loadFixture('malformed-bad-crypto-key.sdp');
    expect(() => parseSdp(body)).toThrow(SdpCryptoError);
    expect(() => parseSdp(body)).toThrow('SDP: crypto key for AES_CM_128_HMAC_SHA1_80 has 12 bytes, expected 30');
  });

  it('every stored offer, truncated anywhere, parses or gives SdpParseError', () => {
    const files = fs.readdirSync(path.resolve(import.meta.dirname, '../fixtures/sdp')).filter((f) => f.endsWith('.sdp'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const body = loadFixture(file);
      for (let cut = 0; cut < body.length; cut += 5) {
        try {
          parseSdp(body.slice(0, cut));
        } catch (e) {
          expect(e, `${file} cut at ${cut}`).toBeInstanceOf(SdpParseError);
        }
      }
    }
  });

  it('never lets an exception other than the named ones escape parsing or answering mutated offers', () => {
    const files = fs.readdirSync(path.resolve(import.meta.dirname, '../fixtures/sdp')).filter((f) => f.endsWith('.sdp'));
    const options = { address: '198.51.100.1', port: 5000, srtp: 'best-effort' as const, fingerprint: { algorithm: 'sha-256', value: 'AB:CD' } };
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const file of files) {
      const base = loadFixture(file);
      for (let i = 0; i < 60; i++) {
        const chars = [...base];
        for (let k = 0; k < 1 + rand(4); k++) {
          const at = rand(chars.length);
          const c = String.fromCharCode(32 + rand(95));
          const op = rand(3);
          if (op === 0) chars[at] = c;
          else if (op === 1) chars.splice(at, 1);
          else chars.splice(at, 0, c);
        }
        const body = chars.join('');
        try {
          createAnswer(createLocalSession('198.51.100.1', { sessionId: '1' }), body, options);
        } catch (e) {
          expect(e instanceof SdpParseError || e instanceof SdpNegotiationError, `${file}: ${String(e)}`).toBe(true);
        }
      }
    }
  });
});
