import type { StunResult } from '../../../main/nat/stun';

export function value<T>(r: StunResult<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

export function reason<T>(r: StunResult<T>): string {
  return r.ok ? 'ok' : r.error.reason;
}

export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}
