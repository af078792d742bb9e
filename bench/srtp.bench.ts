/**
 * SRTP protect + unprotect pairs per second for a 172-octet RTP packet (12-octet header,
 * 160 octets of payload: 20 ms of G.711), against werift's SrtpSession and against a bare
 * node:crypto AES-CTR + HMAC-SHA1 transform written here with no session logic at all.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80, RtpHeader, SrtpSession as WeriftSrtp } from 'werift';
import { SrtpSession, type SrtpSuiteName } from '../main/media/srtp';
import type { BenchTable } from './bench-table';

const RUN_MS = 500;
const WARMUP_MS = 100;
/** Cases run interleaved, ROUNDS times each; the best round counts (the machine is shared). */
const ROUNDS = 3;
const SSRC = 0x11223344;
const masterKey = Buffer.from('E1F97A0D3E018BE0D64FA32C06DE4139', 'hex');
const masterSalt = Buffer.from('0EC675AD498AFEEBB6960B3AABE6', 'hex');

function template(): Buffer {
  const p = Buffer.alloc(172);
  p[0] = 0x80;
  p.writeUInt32BE(SSRC, 8);
  for (let i = 12; i < 172; i++) p[i] = i & 0xff;
  return p;
}

/** Runs `pair(n)` for about RUN_MS after a warm-up; returns pairs per second. */
function measure(pair: (n: number) => void): number {
  let n = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) for (let i = 0; i < 64; i++) pair(n++);
  const start = performance.now();
  let count = 0;
  let now = start;
  while (now - start < RUN_MS) {
    for (let i = 0; i < 256; i++) pair(n++);
    count += 256;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

function litesip(suite: SrtpSuiteName): number {
  const salt = suite.startsWith('AEAD') ? masterSalt.subarray(0, 12) : masterSalt;
  const tx = new SrtpSession({ suite, masterKey, masterSalt: salt });
  const rx = new SrtpSession({ suite, masterKey, masterSalt: salt });
  const plain = template();
  return measure((n) => {
    plain.writeUInt16BE(n & 0xffff, 2);
    const p = tx.protectRtp(plain);
    if (!p.ok || !rx.unprotectRtp(p.packet).ok) throw new Error('LiteSIP SRTP round trip failed');
  });
}

function werift(profile: number, salt: Buffer): number {
  const keys = { localMasterKey: masterKey, localMasterSalt: salt, remoteMasterKey: masterKey, remoteMasterSalt: salt };
  const session = new WeriftSrtp({ keys, profile });
  const plain = template();
  const header = RtpHeader.deSerialize(plain);
  const payload = plain.subarray(12);
  return measure((n) => {
    header.sequenceNumber = n & 0xffff;
    if (session.decrypt(session.encrypt(payload, header)).length !== 172) throw new Error('werift SRTP round trip failed');
  });
}

/** The least a transform can do: one AES-CTR cipher and one HMAC per packet each way, no state. */
function bare(): number {
  const encKey = Buffer.from('C61E7A93744F39EE10734AFE3FF7A087', 'hex');
  const salt = Buffer.from('30CBBC08863D8C85D49DB34A9AE1', 'hex');
  const authKey = Buffer.from('CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4', 'hex');
  const roc = Buffer.alloc(4);
  const iv = Buffer.alloc(16);
  const ivOf = (packet: Buffer): Buffer => {
    salt.copy(iv, 0);
    iv[14] = 0;
    iv[15] = 0;
    for (let i = 0; i < 4; i++) iv[4 + i]! ^= packet[8 + i]!;
    iv[12]! ^= packet[2]!;
    iv[13]! ^= packet[3]!;
    return iv;
  };
  const protect = (packet: Buffer): Buffer => {
    const enc = createCipheriv('aes-128-ctr', encKey, ivOf(packet)).update(packet.subarray(12));
    const head = packet.subarray(0, 12);
    const tag = createHmac('sha1', authKey).update(head).update(enc).update(roc).digest();
    return Buffer.concat([head, enc, tag.subarray(0, 10)]);
  };
  const unprotect = (packet: Buffer): Buffer => {
    const end = packet.length - 10;
    const tag = createHmac('sha1', authKey).update(packet.subarray(0, end)).update(roc).digest();
    if (!timingSafeEqual(tag.subarray(0, 10), packet.subarray(end))) throw new Error('bare transform: tag mismatch');
    const dec = createDecipheriv('aes-128-ctr', encKey, ivOf(packet)).update(packet.subarray(12, end));
    return Buffer.concat([packet.subarray(0, 12), dec]);
  };
  const plain = template();
  return measure((n) => {
    plain.writeUInt16BE(n & 0xffff, 2);
    if (unprotect(protect(plain)).length !== 172) throw new Error('bare round trip failed');
  });
}

export async function run(): Promise<BenchTable[]> {
  const baseline = 'bare node:crypto AES-CTR+HMAC';
  const cases: { name: string; note?: string; fn: () => number }[] = [
    { name: baseline, note: 'no session state, AES_CM_128_HMAC_SHA1_80 layout', fn: bare },
    { name: 'LiteSIP AES_CM_128_HMAC_SHA1_80', note: 'target >= 0.8x bare', fn: () => litesip('AES_CM_128_HMAC_SHA1_80') },
    { name: 'werift SrtpSession AES_CM_128_HMAC_SHA1_80', note: 'werift 0.24.4', fn: () => werift(ProtectionProfileAes128CmHmacSha1_80, masterSalt) },
    { name: 'LiteSIP AES_CM_128_HMAC_SHA1_32', fn: () => litesip('AES_CM_128_HMAC_SHA1_32') },
    { name: 'LiteSIP AEAD_AES_128_GCM', fn: () => litesip('AEAD_AES_128_GCM') },
    { name: 'werift SrtpSession AEAD_AES_128_GCM', note: 'werift 0.24.4', fn: () => werift(ProtectionProfileAeadAes128Gcm, masterSalt.subarray(0, 12)) },
  ];
  const best = cases.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) cases.forEach((c, i) => (best[i] = Math.max(best[i]!, c.fn())));
  const rows = cases.map((c, i) => ({ name: c.name, value: best[i]!, unit: 'pairs/s', ...(c.note ? { note: c.note } : {}) }));
  return [{ title: 'SRTP protect+unprotect, 172-octet RTP packets (best of 3 interleaved rounds)', rows, baseline }];
}
