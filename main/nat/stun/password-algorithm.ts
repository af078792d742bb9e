import { createHash } from 'node:crypto';
import { fault, type StunResult } from './errors';
import { opaqueString } from './saslprep';

/** RFC 8489 §18.5: password algorithm numbers. */
export const PASSWORD_ALGORITHM = { MD5: 0x0001, SHA256: 0x0002 } as const;

/** One PASSWORD-ALGORITHM value (RFC 8489 §14.12), or one entry of PASSWORD-ALGORITHMS (§14.11). */
export interface PasswordAlgorithm {
  readonly algorithm: number;
  readonly parameters: Buffer;
}

/** RFC 8489 §14.12: algorithm (16 bits), parameters length (16 bits), parameters padded to 4 bytes. */
export function encodePasswordAlgorithms(algorithms: readonly PasswordAlgorithm[]): Buffer {
  const parts: Buffer[] = [];
  for (const a of algorithms) {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(a.algorithm, 0);
    head.writeUInt16BE(a.parameters.length, 2);
    parts.push(head, a.parameters, Buffer.alloc((4 - (a.parameters.length % 4)) % 4));
  }
  return Buffer.concat(parts);
}

/** RFC 8489 §14.11: reads PASSWORD-ALGORITHMS (a list); PASSWORD-ALGORITHM is a list of one. */
export function decodePasswordAlgorithms(data: Uint8Array): StunResult<PasswordAlgorithm[]> {
  const value = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: PasswordAlgorithm[] = [];
  let offset = 0;
  while (offset < value.length) {
    if (offset + 4 > value.length) return fault('truncated', 'password algorithm entry runs past the attribute');
    const length = value.readUInt16BE(offset + 2);
    const end = offset + 4 + length;
    if (end > value.length) return fault('truncated', `password algorithm parameters of ${length} bytes run past the attribute`);
    out.push({ algorithm: value.readUInt16BE(offset), parameters: value.subarray(offset + 4, end) });
    offset = end + ((4 - (length % 4)) % 4);
  }
  return { ok: true, value: out };
}

/** RFC 8489 §14.4: USERHASH = SHA-256(OpaqueString(username) ":" OpaqueString(realm)). */
export function userHash(username: string, realm: string): StunResult<Buffer> {
  const user = opaqueString(username);
  if (!user.ok) return user;
  const place = opaqueString(realm);
  if (!place.ok) return place;
  return { ok: true, value: createHash('sha256').update(`${user.value}:${place.value}`, 'utf8').digest() };
}
