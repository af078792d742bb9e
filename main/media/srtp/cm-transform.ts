import { AesCm } from './aes-cm';
import type { SrtpSuite } from './crypto-suite';
import { HmacSha1 } from './hmac-sha1';
import type { SessionKeys } from './key-derivation';
import { tagsEqual, xorSsrcAndIndex, type SrtpTransform } from './srtp-transform';

/** RFC 3711 §3.4: the E flag and SRTCP index word. */
const E_INDEX_LENGTH = 4;

/** AES counter mode with HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1) for SRTP and SRTCP. */
export class CmTransform implements SrtpTransform {
  readonly rtpOverhead: number;
  readonly rtcpTagLength: number;
  private readonly srtpTagLength: number;
  private readonly rtpCipher: AesCm;
  private readonly rtcpCipher: AesCm;
  private readonly rtpMac: HmacSha1;
  private readonly rtcpMac: HmacSha1;
  private readonly iv = Buffer.alloc(16);

  constructor(
    suite: SrtpSuite,
    private readonly keys: SessionKeys,
    private readonly mki: Buffer = Buffer.alloc(0),
  ) {
    this.srtpTagLength = suite.srtpTagLength;
    this.rtcpTagLength = suite.srtcpTagLength + mki.length;
    this.rtpOverhead = suite.srtpTagLength + mki.length;
    this.rtpCipher = new AesCm(keys.srtpKey);
    this.rtcpCipher = new AesCm(keys.srtcpKey);
    this.rtpMac = new HmacSha1(keys.srtpAuthKey);
    this.rtcpMac = new HmacSha1(keys.srtcpAuthKey);
  }

  /** RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
  private ivFor(salt: Buffer, ssrc: number, index: number): Buffer {
    const iv = this.iv;
    salt.copy(iv, 0, 0, 14);
    iv[14] = 0;
    iv[15] = 0;
    xorSsrcAndIndex(iv, 4, ssrc, index);
    return iv;
  }

  /** RFC 3711 §4.2: tag = HMAC-SHA1(k_a, M) with M = authenticated portion || ROC for SRTP. */
  private rtpTag(packet: Uint8Array, length: number, roc: number): Uint8Array {
    return this.rtpMac.mac(packet, length, roc >>> 0);
  }

  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    const length = packet.length;
    const out = Buffer.allocUnsafe(length + this.rtpOverhead);
    out.set(packet.subarray(0, headerLength), 0);
    this.rtpCipher.xor(this.ivFor(this.keys.srtpSalt, ssrc, index), packet, headerLength, out, headerLength, length - headerLength);
    // RFC 3711 §3.1: the MKI sits between payload and tag and is not authenticated
    if (this.mki.length > 0) this.mki.copy(out, length);
    const tag = this.rtpTag(out, length, Math.floor(index / 0x10000));
    out.set(tag.subarray(0, this.srtpTagLength), length + this.mki.length);
    return out;
  }

  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer | undefined {
    const end = packet.length - this.rtpOverhead;
    const tag = this.rtpTag(packet, end, Math.floor(index / 0x10000));
    if (!tagsEqual(packet, end + this.mki.length, tag, this.srtpTagLength)) return undefined;
    const out = Buffer.allocUnsafe(end);
    out.set(packet.subarray(0, headerLength), 0);
    this.rtpCipher.xor(this.ivFor(this.keys.srtpSalt, ssrc, index), packet, headerLength, out, headerLength, end - headerLength);
    return out;
  }

  /** RFC 3711 §3.4: SRTCP = header(8) || [encrypted] rest || E||index || MKI || tag. */
  protectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypt: boolean): Buffer {
    const length = packet.length;
    const out = Buffer.allocUnsafe(length + E_INDEX_LENGTH + this.rtcpTagLength);
    if (encrypt) {
      out.set(packet.subarray(0, 8), 0);
      this.rtcpCipher.xor(this.ivFor(this.keys.srtcpSalt, ssrc, index), packet, 8, out, 8, length - 8);
    } else {
      out.set(packet, 0);
    }
    out.writeUInt32BE(((encrypt ? 0x80000000 : 0) | index) >>> 0, length);
    const authEnd = length + E_INDEX_LENGTH;
    if (this.mki.length > 0) this.mki.copy(out, authEnd);
    const tag = this.rtcpMac.mac(out, authEnd);
    out.set(tag.subarray(0, this.rtcpTagLength - this.mki.length), authEnd + this.mki.length);
    return out;
  }

  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer | undefined {
    const authEnd = packet.length - this.rtcpTagLength;
    const tag = this.rtcpMac.mac(packet, authEnd);
    if (!tagsEqual(packet, authEnd + this.mki.length, tag, this.rtcpTagLength - this.mki.length)) return undefined;
    const end = authEnd - E_INDEX_LENGTH;
    const out = Buffer.allocUnsafe(end);
    if (encrypted) {
      out.set(packet.subarray(0, 8), 0);
      this.rtcpCipher.xor(this.ivFor(this.keys.srtcpSalt, ssrc, index), packet, 8, out, 8, end - 8);
    } else {
      out.set(packet.subarray(0, end), 0);
    }
    return out;
  }
}
