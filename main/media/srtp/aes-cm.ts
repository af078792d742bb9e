import { createCipheriv, type Cipher } from 'node:crypto';

const BLOCK = 16;

/**
 * AES in counter mode (RFC 3711 §4.1.1) over one long-lived AES-ECB context: the counter
 * blocks are written into a reused buffer and encrypted in one call, so no cipher object is
 * built per packet. The ECB context is never finalised, so it can be fed forever.
 */
export class AesCm {
  private readonly ecb: Cipher;
  private counters: Buffer;

  constructor(key: Uint8Array) {
    this.ecb = createCipheriv(key.length === 32 ? 'aes-256-ecb' : 'aes-128-ecb', key, null);
    this.ecb.setAutoPadding(false);
    this.counters = Buffer.alloc(BLOCK * 96);
  }

  /**
   * XORs `length` octets of keystream, started at the 16-octet counter `iv`, onto `src` at
   * `srcOffset` and writes them to `dst` at `dstOffset` (which may be the same bytes).
   * RFC 3711 §4.1.1: the block counter is added in the low 16 bits, so at most 2^16 blocks.
   */
  xor(iv: Uint8Array, src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number, length: number): void {
    if (length <= 0) return;
    const ks = this.keystream(iv, length);
    for (let i = 0; i < length; i++) dst[dstOffset + i] = src[srcOffset + i]! ^ ks[i]!;
  }

  /** `length` octets of keystream from counter `iv` (the last two octets of `iv` must be the start count). */
  keystream(iv: Uint8Array, length: number): Buffer {
    const blocks = (length + BLOCK - 1) >>> 4;
    if (blocks * BLOCK > this.counters.length) this.counters = Buffer.alloc(blocks * BLOCK);
    const c = this.counters;
    const start = (iv[14]! << 8) | iv[15]!;
    for (let b = 0, o = 0; b < blocks; b++, o += BLOCK) {
      for (let k = 0; k < 14; k++) c[o + k] = iv[k]!;
      const n = start + b;
      c[o + 14] = (n >>> 8) & 0xff;
      c[o + 15] = n & 0xff;
    }
    return this.ecb.update(c.subarray(0, blocks * BLOCK));
  }
}
