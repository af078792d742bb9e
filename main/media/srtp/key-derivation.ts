import { AesCm } from './aes-cm';
import { AUTH_KEY_LENGTH, type SrtpSuite } from './crypto-suite';
import { SrtpConfigError } from './errors';

/** RFC 3711 §4.3.2: key derivation labels. */
export const LABEL = {
  srtpEncryption: 0x00,
  srtpAuth: 0x01,
  srtpSalt: 0x02,
  srtcpEncryption: 0x03,
  srtcpAuth: 0x04,
  srtcpSalt: 0x05,
} as const;

/** The six session keys of one master key (RFC 3711 §4.3). GCM suites have no auth keys. */
export interface SessionKeys {
  srtpKey: Buffer;
  srtpSalt: Buffer;
  srtpAuthKey: Buffer;
  srtcpKey: Buffer;
  srtcpSalt: Buffer;
  srtcpAuthKey: Buffer;
}

/**
 * RFC 3711 §4.3.1/§4.3.3, key_derivation_rate 0: x = (label || r) XOR master_salt with r = 0,
 * then AES-CM keystream under the master key from IV = x * 2^16.
 * RFC 7714 §11: a 96-bit GCM master salt takes the first 12 octets of the 112-bit field,
 * the rest zero (as libsrtp and pion do).
 */
export function deriveKey(prf: AesCm, masterSalt: Uint8Array, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.set(masterSalt.subarray(0, 14));
  iv[7]! ^= label;
  return Buffer.from(prf.keystream(iv, length).subarray(0, length));
}

export function deriveSessionKeys(suite: SrtpSuite, masterKey: Uint8Array, masterSalt: Uint8Array): SessionKeys {
  if (masterKey.length !== suite.keyLength) {
    throw new SrtpConfigError(`${suite.name} needs a ${suite.keyLength}-octet master key, got ${masterKey.length}`);
  }
  if (masterSalt.length !== suite.saltLength) {
    throw new SrtpConfigError(`${suite.name} needs a ${suite.saltLength}-octet master salt, got ${masterSalt.length}`);
  }
  const prf = new AesCm(masterKey);
  const authLength = suite.kind === 'cm' ? AUTH_KEY_LENGTH : 0;
  return {
    srtpKey: deriveKey(prf, masterSalt, LABEL.srtpEncryption, suite.keyLength),
    srtpSalt: deriveKey(prf, masterSalt, LABEL.srtpSalt, suite.saltLength),
    srtpAuthKey: deriveKey(prf, masterSalt, LABEL.srtpAuth, authLength),
    srtcpKey: deriveKey(prf, masterSalt, LABEL.srtcpEncryption, suite.keyLength),
    srtcpSalt: deriveKey(prf, masterSalt, LABEL.srtcpSalt, suite.saltLength),
    srtcpAuthKey: deriveKey(prf, masterSalt, LABEL.srtcpAuth, authLength),
  };
}
