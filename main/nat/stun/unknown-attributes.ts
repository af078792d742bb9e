import { fault, type StunResult } from './errors';

/** RFC 8489 §14.13: UNKNOWN-ATTRIBUTES is a list of 16-bit attribute types. */
export function encodeUnknownAttributes(types: readonly number[]): Buffer {
  const out = Buffer.alloc(2 * types.length);
  types.forEach((t, i) => out.writeUInt16BE(t & 0xffff, 2 * i));
  return out;
}

/** RFC 8489 §14.13: reads UNKNOWN-ATTRIBUTES. */
export function decodeUnknownAttributes(data: Uint8Array): StunResult<number[]> {
  if (data.length % 2 !== 0) return fault('value', `UNKNOWN-ATTRIBUTES of ${data.length} bytes is not a list of 16-bit types`);
  const value = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const types: number[] = [];
  for (let i = 0; i < value.length; i += 2) types.push(value.readUInt16BE(i));
  return { ok: true, value: types };
}
