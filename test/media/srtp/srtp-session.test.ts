import { describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_SIZE, SRTP_SUITES, SrtpSession, type SrtpResult, type SrtpSuiteName } from '../../../main/media/srtp';
import { hex } from './hex';
import { rtcpReceiverReport, rtpPacket } from './packets';

const masterKey128 = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
const masterKey256 = hex('E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE60102');
const salt14 = hex('0EC675AD498AFEEBB6960B3AABE6');

function pair(suite: SrtpSuiteName, extra: { mki?: Uint8Array; lifetime?: number; encryptRtcp?: boolean } = {}): [SrtpSession, SrtpSession] {
  const s = SRTP_SUITES[suite];
  const options = { suite, masterKey: s.keyLength === 32 ? masterKey256 : masterKey128, masterSalt: salt14.subarray(0, s.saltLength), ...extra };
  return [new SrtpSession(options), new SrtpSession(options)];
}

function ok(r: SrtpResult): Buffer {
  if (!r.ok) throw r.error;
  return r.packet;
}

function code(r: SrtpResult): string {
  return r.ok ? 'ok' : r.error.code;
}

const ALL: SrtpSuiteName[] = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32', 'AES_256_CM_HMAC_SHA1_80', 'AES_256_CM_HMAC_SHA1_32', 'AEAD_AES_128_GCM', 'AEAD_AES_256_GCM'];

describe('SrtpSession round trips', () => {
  for (const suite of ALL) {
    it(`${suite}: RTP and RTCP come back as sent, with the suite's overhead`, () => {
      const [tx, rx] = pair(suite);
      const plain = rtpPacket(1000);
      const srtp = ok(tx.protectRtp(plain));
      expect(srtp.length).toBe(plain.length + SRTP_SUITES[suite].srtpTagLength);
      expect(srtp.subarray(0, 12)).toEqual(plain.subarray(0, 12));
      expect(srtp.subarray(12, 172)).not.toEqual(plain.subarray(12));
      expect(ok(rx.unprotectRtp(srtp))).toEqual(plain);

      const rtcp = rtcpReceiverReport();
      const srtcp = ok(tx.protectRtcp(rtcp));
      expect(srtcp.length).toBe(rtcp.length + 4 + SRTP_SUITES[suite].srtcpTagLength);
      expect(ok(rx.unprotectRtcp(srtcp))).toEqual(rtcp);
    });
  }

  it('AES_CM_128_HMAC_SHA1_32 puts a 4-octet tag on SRTP and a 10-octet tag on SRTCP', () => {
    const [tx] = pair('AES_CM_128_HMAC_SHA1_32');
    expect(ok(tx.protectRtp(rtpPacket(1))).length).toBe(172 + 4);
    expect(ok(tx.protectRtcp(rtcpReceiverReport())).length).toBe(32 + 4 + 10);
  });

  it('keeps CSRCs and header extensions in the clear and authenticated', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    const plain = Buffer.concat([hex('92 00 0001 00000000 11223344 0000aaaa BEDE0001 10ff0000'), Buffer.alloc(20, 7)]);
    const srtp = ok(tx.protectRtp(plain));
    expect(srtp.subarray(0, 24)).toEqual(plain.subarray(0, 24));
    const bad = Buffer.from(srtp);
    bad[21]! ^= 1;
    expect(code(rx.unprotectRtp(bad))).toBe('auth-failed');
    expect(ok(rx.unprotectRtp(srtp))).toEqual(plain);
  });
});

describe('SrtpSession rollover (RFC 3711 §3.3.1, Appendix A)', () => {
  for (const suite of ['AES_CM_128_HMAC_SHA1_80', 'AEAD_AES_128_GCM'] as const) {
    it(`${suite}: carries the ROC across 65535 -> 0, also with loss and reordering`, () => {
      const [tx, rx] = pair(suite);
      const sent = new Map<number, Buffer>();
      for (let n = 65530; n < 65546; n++) sent.set(n, ok(tx.protectRtp(rtpPacket(n))));
      // the receiver starts at 65530, loses 65534, and gets 1 (index 65537) before 65535
      const order = [65530, 65531, 65532, 65533, 65537, 65535, 65536, 65538, 65545];
      for (const n of order) expect(ok(rx.unprotectRtp(sent.get(n)!))).toEqual(rtpPacket(n));
    });
  }

  it('a sender that jumps past a wrap still agrees with the receiver', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    for (let n = 0; n < 0x30000; n += 0x4000) expect(ok(rx.unprotectRtp(ok(tx.protectRtp(rtpPacket(n)))))).toEqual(rtpPacket(n));
  });

  it('a packet protected under the wrong ROC does not authenticate', () => {
    const [tx] = pair('AES_CM_128_HMAC_SHA1_80');
    const [, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    for (let n = 65500; n <= 65535; n += 5) ok(tx.protectRtp(rtpPacket(n)));
    const afterWrap = ok(tx.protectRtp(rtpPacket(65540))); // seq 4, ROC 1
    // rx never saw the stream: it takes seq 4 as ROC 0
    expect(code(rx.unprotectRtp(afterWrap))).toBe('auth-failed');
  });
});

describe('SrtpSession replay protection (RFC 3711 §3.3.2)', () => {
  it(`rejects a replay and an index left of the ${REPLAY_WINDOW_SIZE}-packet window`, () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    const packets = Array.from({ length: 300 }, (_, n) => ok(tx.protectRtp(rtpPacket(n))));
    expect(code(rx.unprotectRtp(packets[0]!))).toBe('ok');
    expect(code(rx.unprotectRtp(packets[0]!))).toBe('replayed');
    expect(code(rx.unprotectRtp(packets[299]!))).toBe('ok');
    expect(code(rx.unprotectRtp(packets[299 - 64]!))).toBe('ok'); // late but inside the window
    expect(code(rx.unprotectRtp(packets[299 - 64]!))).toBe('replayed');
    expect(code(rx.unprotectRtp(packets[299 - REPLAY_WINDOW_SIZE]!))).toBe('too-old');
    expect(code(rx.unprotectRtp(packets[10]!))).toBe('too-old');
  });

  it('a forged packet neither creates a context nor moves the window', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    const good = ok(tx.protectRtp(rtpPacket(7)));
    const forged = Buffer.from(good);
    forged[forged.length - 1]! ^= 0x40;
    expect(code(rx.unprotectRtp(forged))).toBe('auth-failed');
    expect(rx.streams.rtp).toBe(0);
    expect(code(rx.unprotectRtp(good))).toBe('ok');
    expect(rx.streams.rtp).toBe(1);
  });

  it('tracks each SSRC on its own', () => {
    const [tx, rx] = pair('AEAD_AES_128_GCM');
    const a = ok(tx.protectRtp(rtpPacket(5, 0xaaaa)));
    const b = ok(tx.protectRtp(rtpPacket(5, 0xbbbb)));
    expect(code(rx.unprotectRtp(a))).toBe('ok');
    expect(code(rx.unprotectRtp(b))).toBe('ok');
    expect(code(rx.unprotectRtp(b))).toBe('replayed');
    expect(rx.streams.rtp).toBe(2);
  });

  it('SRTCP: rejects replays and keeps per-SSRC indices', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    const first = ok(tx.protectRtcp(rtcpReceiverReport(1)));
    const second = ok(tx.protectRtcp(rtcpReceiverReport(1)));
    const other = ok(tx.protectRtcp(rtcpReceiverReport(2)));
    expect(code(rx.unprotectRtcp(second))).toBe('ok');
    expect(code(rx.unprotectRtcp(first))).toBe('ok');
    expect(code(rx.unprotectRtcp(first))).toBe('replayed');
    expect(code(rx.unprotectRtcp(other))).toBe('ok');
  });
});

describe('SRTCP E flag and index (RFC 3711 §3.4)', () => {
  it('counts the index up from zero per SSRC and sets E', () => {
    const [tx] = pair('AES_CM_128_HMAC_SHA1_80');
    const words = [0, 1, 2].map(() => ok(tx.protectRtcp(rtcpReceiverReport())).readUInt32BE(32));
    expect(words).toEqual([0x80000000, 0x80000001, 0x80000002]);
  });

  for (const suite of ['AES_CM_128_HMAC_SHA1_80', 'AEAD_AES_128_GCM'] as const) {
    it(`${suite}: with encryption off, E is clear and the body travels in the clear`, () => {
      const [tx, rx] = pair(suite, { encryptRtcp: false });
      const rtcp = rtcpReceiverReport();
      const srtcp = ok(tx.protectRtcp(rtcp));
      expect(srtcp.subarray(0, rtcp.length)).toEqual(rtcp);
      const wordAt = suite === 'AEAD_AES_128_GCM' ? srtcp.length - 4 : rtcp.length;
      expect(srtcp.readUInt32BE(wordAt)).toBe(0);
      // flipping E makes the tag fail: E is authenticated
      const flipped = Buffer.from(srtcp);
      flipped[wordAt]! ^= 0x80;
      expect(code(rx.unprotectRtcp(flipped))).toBe('auth-failed');
      expect(ok(rx.unprotectRtcp(srtcp))).toEqual(rtcp);
    });
  }

  it('a tampered SRTCP tag is refused', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_32');
    const srtcp = ok(tx.protectRtcp(rtcpReceiverReport()));
    srtcp[srtcp.length - 3]! ^= 1;
    expect(code(rx.unprotectRtcp(srtcp))).toBe('auth-failed');
  });
});

describe('SrtpSession limits and bad input', () => {
  it('refuses packets past the master key lifetime (RFC 3711 §9.2, RFC 4568 lifetime)', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80', { lifetime: 3 });
    const sent = [0, 1, 2].map((n) => ok(tx.protectRtp(rtpPacket(n))));
    expect(code(tx.protectRtp(rtpPacket(3)))).toBe('key-expired');
    for (const p of sent) expect(code(rx.unprotectRtp(p))).toBe('ok');
    expect(code(rx.unprotectRtp(sent[0]!))).toBe('key-expired');
    for (let i = 0; i < 3; i++) ok(tx.protectRtcp(rtcpReceiverReport()));
    expect(code(tx.protectRtcp(rtcpReceiverReport()))).toBe('key-expired');
  });

  it('refuses short, truncated and non-RTP input as malformed, and never throws', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80');
    const srtp = ok(tx.protectRtp(rtpPacket(1)));
    expect(code(rx.unprotectRtp(srtp.subarray(0, 21)))).toBe('malformed');
    expect(code(rx.unprotectRtp(Buffer.alloc(0)))).toBe('malformed');
    const v1 = Buffer.from(srtp);
    v1[0] = 0x40;
    expect(code(rx.unprotectRtp(v1))).toBe('malformed');
    expect(code(rx.unprotectRtp(srtp.subarray(0, srtp.length - 1)))).toBe('auth-failed');
    expect(code(tx.protectRtp(hex('90000001 00000000 11223344 BEDE0005')))).toBe('malformed');
    expect(code(rx.unprotectRtcp(Buffer.alloc(12, 0x80)))).toBe('malformed');
    expect(code(tx.protectRtcp(Buffer.alloc(4, 0x80)))).toBe('malformed');
  });

  it('carries an MKI and refuses packets naming another key', () => {
    const [tx, rx] = pair('AES_CM_128_HMAC_SHA1_80', { mki: hex('00000001') });
    const srtp = ok(tx.protectRtp(rtpPacket(9)));
    expect(srtp.length).toBe(172 + 4 + 10);
    expect(srtp.subarray(172, 176)).toEqual(hex('00000001'));
    const other = Buffer.from(srtp);
    other[175] = 2;
    expect(code(rx.unprotectRtp(other))).toBe('unknown-mki');
    expect(ok(rx.unprotectRtp(srtp))).toEqual(rtpPacket(9));
    const srtcp = ok(tx.protectRtcp(rtcpReceiverReport()));
    expect(srtcp.length).toBe(32 + 4 + 4 + 10);
    expect(ok(rx.unprotectRtcp(srtcp))).toEqual(rtcpReceiverReport());
  });

  it('refuses key material of the wrong size and an MKI with GCM', () => {
    expect(() => new SrtpSession({ suite: 'AES_CM_128_HMAC_SHA1_80', masterKey: masterKey256, masterSalt: salt14 })).toThrow(/master key/);
    expect(() => new SrtpSession({ suite: 'AEAD_AES_128_GCM', masterKey: masterKey128, masterSalt: salt14.subarray(0, 12), mki: hex('01') })).toThrow(/MKI/);
  });
});
