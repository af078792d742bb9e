import { STUN_ATTR } from './constants';
import { fault, StunEncodeError, type StunResult } from './errors';
import type { StunAttribute } from './stun-message';

/** RFC 8445 §16.1 / §7.1.1: PRIORITY, a 32-bit candidate priority. */
export function priorityAttribute(priority: number): StunAttribute {
  if (!Number.isInteger(priority) || priority < 0 || priority > 0xffffffff) throw new StunEncodeError(`priority ${priority} does not fit 32 bits`);
  const value = Buffer.alloc(4);
  value.writeUInt32BE(priority, 0);
  return { type: STUN_ATTR.PRIORITY, value };
}

/** RFC 8445 §16.1: reads PRIORITY. */
export function decodePriority(value: Uint8Array): StunResult<number> {
  if (value.length !== 4) return fault('value', `PRIORITY of ${value.length} bytes, expected 4`);
  return { ok: true, value: Buffer.from(value).readUInt32BE(0) };
}

/** RFC 8445 §16.1: USE-CANDIDATE has no value. */
export function useCandidateAttribute(): StunAttribute {
  return { type: STUN_ATTR.USE_CANDIDATE, value: Buffer.alloc(0) };
}

/** RFC 8445 §16.1: ICE-CONTROLLED or ICE-CONTROLLING with the 64-bit tie-breaker. */
export function iceRoleAttribute(role: 'controlled' | 'controlling', tieBreaker: bigint): StunAttribute {
  if (tieBreaker < 0n || tieBreaker > 0xffffffffffffffffn) throw new StunEncodeError('tie-breaker does not fit 64 bits');
  const value = Buffer.alloc(8);
  value.writeBigUInt64BE(tieBreaker, 0);
  return { type: role === 'controlled' ? STUN_ATTR.ICE_CONTROLLED : STUN_ATTR.ICE_CONTROLLING, value };
}

/** RFC 8445 §16.1: reads the tie-breaker of ICE-CONTROLLED or ICE-CONTROLLING. */
export function decodeTieBreaker(value: Uint8Array): StunResult<bigint> {
  if (value.length !== 8) return fault('value', `ICE role attribute of ${value.length} bytes, expected 8`);
  return { ok: true, value: Buffer.from(value).readBigUInt64BE(0) };
}
