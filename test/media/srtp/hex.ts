/** Octets from hex written the RFC way: spaces, newlines and case are ignored. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}
