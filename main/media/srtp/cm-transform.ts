import { createHmac } from 'node:crypto';
import { AesCm } from './aes-cm';
import type { SrtpSuite } from './crypto-suite';
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
  private readonly iv = Buffer.alloc(16);
  private readonly rocOctets = Buffer.alloc(4);

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
  private rtpTag(authenticated: Uint8Array, roc: number): Buffer {
    this.rocOctets.writeUInt32BE(roc >>> 0, 0);
    return createHmac('sha1', this.keys.srtpAuthKey).update(authenticated).update(this.rocOctets).digest();
  }

  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    const length = packet.length;
    const out = Buffer.allocUnsafe(length + this.rtpOverhead);
    out.set(packet.subarray(0, headerLength), 0);
    this.rtpCipher.xor(this.ivFor(this.keys.srtpSalt, ssrc, index), packet, headerLength, out, headerLength, length - headerLength);
    // RFC 3711 §3.1: the MKI sits between payload and tag and is not authenticated
    if (this.mki.length > 0) this.mki.copy(out, length);
    const tag = this.rtpTag(out.subarray(0, length), Math.floor(index / 0x10000));
    tag.copy(out, length + this.mki.length, 0, this.srtpTagLength);
    return out;
  }

  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer | undefined {
    const end = packet.length - this.rtpOverhead;
    const tag = this.rtpTag(packet.subarray(0, end), Math.floor(index / 0x10000));
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
    const tag = createHmac('sha1', this.keys.srtcpAuthKey).update(out.subarray(0, authEnd)).digest();
    tag.copy(out, authEnd + this.mki.length, 0, this.rtcpTagLength - this.mki.length);
    return out;
  }

  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer | undefined {
    const authEnd = packet.length - this.rtcpTagLength;
    const tag = createHmac('sha1', this.keys.srtcpAuthKey).update(packet.subarray(0, authEnd)).digest();
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
