import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import type { SrtpSuite } from './crypto-suite';
import type { SessionKeys } from './key-derivation';
import { xorSsrcAndIndex, type SrtpTransform } from './srtp-transform';

/** RFC 7714 §12: 16-octet authentication tag. */
const TAG_LENGTH = 16;
const E_INDEX_LENGTH = 4;

/** AEAD AES-GCM for SRTP and SRTCP (RFC 7714). The MKI is not supported with it. */
export class GcmTransform implements SrtpTransform {
  readonly rtpOverhead = TAG_LENGTH;
  readonly rtcpTagLength = TAG_LENGTH;
  private readonly algorithm: 'aes-128-gcm' | 'aes-256-gcm';
  private readonly rtpKey: KeyObject;
  private readonly rtcpKey: KeyObject;
  private readonly iv = Buffer.alloc(12);
  private readonly rtcpAad = Buffer.alloc(12);

  constructor(
    suite: SrtpSuite,
    private readonly keys: SessionKeys,
  ) {
    this.algorithm = suite.keyLength === 32 ? 'aes-256-gcm' : 'aes-128-gcm';
    this.rtpKey = createSecretKey(keys.srtpKey);
    this.rtcpKey = createSecretKey(keys.srtcpKey);
  }

  /** RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt; §9.1 puts 0x0000 || index in ROC || SEQ. */
  private ivFor(salt: Buffer, ssrc: number, index: number): Buffer {
    salt.copy(this.iv, 0, 0, 12);
    xorSsrcAndIndex(this.iv, 2, ssrc, index);
    return this.iv;
  }

  /** RFC 7714 §8.2: the RTP header is the AAD, the payload the plaintext. */
  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    const length = packet.length;
    const cipher = createCipheriv(this.algorithm, this.rtpKey, this.ivFor(this.keys.srtpSalt, ssrc, index), { authTagLength: TAG_LENGTH });
    const header = packet.subarray(0, headerLength);
    cipher.setAAD(header);
    const out = Buffer.allocUnsafe(length + TAG_LENGTH);
    out.set(header, 0);
    out.set(cipher.update(packet.subarray(headerLength)), headerLength);
    cipher.final();
    out.set(cipher.getAuthTag(), length);
    return out;
  }

  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer | undefined {
    const end = packet.length - TAG_LENGTH;
    const decipher = createDecipheriv(this.algorithm, this.rtpKey, this.ivFor(this.keys.srtpSalt, ssrc, index), { authTagLength: TAG_LENGTH });
    decipher.setAAD(packet.subarray(0, headerLength));
    decipher.setAuthTag(packet.subarray(end));
    const out = Buffer.allocUnsafe(end);
    out.set(packet.subarray(0, headerLength), 0);
    out.set(decipher.update(packet.subarray(headerLength, end)), headerLength);
    try {
      decipher.final();
    } catch {
      return undefined; // RFC 7714 §8.2: authentication failed
    }
    return out;
  }

  /**
   * RFC 7714 §9: AAD = header(8) || E||index when encrypted, the whole packet || E||index when
   * not; the tag follows the (cipher)text and the E||index word comes last (§17).
   */
  protectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypt: boolean): Buffer {
    const length = packet.length;
    const word = ((encrypt ? 0x80000000 : 0) | index) >>> 0;
    const cipher = createCipheriv(this.algorithm, this.rtcpKey, this.ivFor(this.keys.srtcpSalt, ssrc, index), { authTagLength: TAG_LENGTH });
    const out = Buffer.allocUnsafe(length + TAG_LENGTH + E_INDEX_LENGTH);
    if (encrypt) {
      this.rtcpAad.set(packet.subarray(0, 8), 0);
      this.rtcpAad.writeUInt32BE(word, 8);
      cipher.setAAD(this.rtcpAad);
      out.set(packet.subarray(0, 8), 0);
      out.set(cipher.update(packet.subarray(8)), 8);
    } else {
      const word4 = Buffer.allocUnsafe(4);
      word4.writeUInt32BE(word, 0);
      cipher.setAAD(Buffer.concat([packet, word4]));
      out.set(packet, 0);
    }
    cipher.final();
    out.set(cipher.getAuthTag(), length);
    out.writeUInt32BE(word, length + TAG_LENGTH);
    return out;
  }

  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer | undefined {
    const tagAt = packet.length - E_INDEX_LENGTH - TAG_LENGTH;
    const word = packet.subarray(packet.length - E_INDEX_LENGTH);
    const decipher = createDecipheriv(this.algorithm, this.rtcpKey, this.ivFor(this.keys.srtcpSalt, ssrc, index), { authTagLength: TAG_LENGTH });
    decipher.setAuthTag(packet.subarray(tagAt, tagAt + TAG_LENGTH));
    const out = Buffer.allocUnsafe(tagAt);
    if (encrypted) {
      this.rtcpAad.set(packet.subarray(0, 8), 0);
      this.rtcpAad.set(word, 8);
      decipher.setAAD(this.rtcpAad);
      out.set(packet.subarray(0, 8), 0);
      out.set(decipher.update(packet.subarray(8, tagAt)), 8);
    } else {
      decipher.setAAD(Buffer.concat([packet.subarray(0, tagAt), word]));
      out.set(packet.subarray(0, tagAt), 0);
    }
    try {
      decipher.final();
    } catch {
      return undefined; // RFC 7714 §9.2: authentication failed
    }
    return out;
  }
}
