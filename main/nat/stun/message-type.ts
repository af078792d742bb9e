/** RFC 8489 §5: the class encoded in bits C1 and C0 of the message type. */
export type StunClass = 'request' | 'indication' | 'success' | 'error';

const CLASS_BITS: Record<StunClass, number> = { request: 0b00, indication: 0b01, success: 0b10, error: 0b11 };
const CLASSES: readonly StunClass[] = ['request', 'indication', 'success', 'error'];

/** RFC 8489 §5: interleaves the 12 method bits M11..M0 with the class bits C1 (bit 8) and C0 (bit 4). */
export function encodeMessageType(method: number, messageClass: StunClass): number {
  const c = CLASS_BITS[messageClass];
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
}

/** RFC 8489 §5: splits a 14-bit message type into method and class. */
export function decodeMessageType(type: number): { method: number; messageClass: StunClass } {
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const c = ((type >> 4) & 1) | ((type >> 7) & 2);
  return { method, messageClass: CLASSES[c]! };
}
