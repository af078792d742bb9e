import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dominantFrequency, toneDbfs } from '../../../main/media/audio';
import { callPair, expectTone, sleep } from './call-pair';

const sockets: dgram.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** Datagrams of every kind RFC 7983 names, mutated, truncated or random. */
function garbage(i: number, valid: Buffer | undefined): Buffer {
  const firstOctets = [0x00, 0x01, 0x10, 0x16, 0x40, 0x80, 0x81, 0x90, 0xa0, 0xbf, 0xc0, 0xff];
  switch (i % 5) {
    case 0:
      return randomBytes(i % 300);
    case 1: {
      const b = randomBytes(12 + (i % 200));
      b[0] = firstOctets[i % firstOctets.length]!;
      return b;
    }
    case 2: {
      // RTCP-looking: version 2, SR/RR/SDES/BYE types, random lengths
      const b = randomBytes(8 + (i % 64));
      b[0] = 0x80 | (i % 32);
      b[1] = 200 + (i % 5);
      return b;
    }
    case 3: {
      if (!valid) return randomBytes(20);
      const b = Buffer.from(valid);
      const at = i % b.length;
      b[at] = b[at]! ^ (1 << (i % 8)); // one flipped bit
      return b;
    }
    default:
      return valid ? valid.subarray(0, i % valid.length) : randomBytes(3);
  }
}

describe('MediaSession: garbage from the network', () => {
  for (const srtp of ['off', 'mandatory'] as const) {
    it(`never throws or stops under random and mutated datagrams (SRTP ${srtp})`, async () => {
      const { a, b } = await callPair({ codecs: ['pcmu'], srtp });
      // a stranger sends, with a well-formed PCMU packet as the seed for mutations
      const tap = dgram.createSocket('udp4');
      sockets.push(tap);
      await new Promise<void>((r) => tap.bind(0, '127.0.0.1', () => r()));
      const valid = Buffer.from([0x80, 0x00, 0x12, 0x34, 0, 0, 0, 160, 0xde, 0xad, 0xbe, 0xef, ...randomBytes(160)]);
      for (let i = 0; i < 3000; i++) {
        tap.send(garbage(i, valid), b.session.localAddress.port, '127.0.0.1');
        if (i % 300 === 0) await sleep(10);
      }
      await sleep(300);
      const r = b.session.refusals;
      expect(r.malformed + r.ignored + r.srtpFailures + r.unknownPayloadType).toBeGreaterThan(500);
      expect(b.session.closed).toBe(false);
      if (srtp === 'mandatory') {
        // authenticated media only: nothing moved, audio still flows both ways
        expect(b.session.mediaPath().remoteLatched?.port).toBe(a.session.localAddress.port);
        await sleep(300);
        expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });
        expectTone(a.received.tail(300), 1000, { dominantFrequency, toneDbfs });
      }
      expect(b.events.errors.filter((e) => e.name !== 'MediaSendError')).toEqual([]);
    });
  }
});
