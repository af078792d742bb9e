import { parseDigits } from './chars';
import type { NameAddr } from './types';

/**
 * RFC 3261 §10.2.1.1, §20.10: a Contact's `expires` parameter in seconds (values above
 * 2**32-1 are taken as 2**32-1, §20.19), or undefined when absent or not a number.
 */
export function contactExpires(contact: NameAddr): number | undefined {
  const v = contact.params.get('expires');
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return undefined;
  return Math.min(Number(v), 2 ** 32 - 1);
}

/** RFC 3261 §20.10 qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); undefined when absent or malformed. */
export function contactQ(contact: NameAddr): number | undefined {
  const v = contact.params.get('q');
  if (typeof v !== 'string' || !/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(v)) return undefined;
  return Number(v);
}

/** The `reg-id` of an RFC 5626 §4.2 registration, or undefined. */
export function contactRegId(contact: NameAddr): number | undefined {
  const v = contact.params.get('reg-id');
  if (typeof v !== 'string') return undefined;
  const n = parseDigits(v, 10);
  return n < 1 || n > 2 ** 31 - 1 ? undefined : n;
}
