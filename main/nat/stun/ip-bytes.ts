import { isIPv4, isIPv6 } from 'node:net';

/** An IP address (text) and a port; a family, when given, is informative (the text decides). */
export interface IpPort {
  readonly address: string;
  readonly port: number;
  readonly family?: 'IPv4' | 'IPv6';
}

/** An IP address and port as STUN carries it (RFC 8489 §14.1). */
export interface TransportAddress extends IpPort {
  readonly family: 'IPv4' | 'IPv6';
}

/** The 4 or 16 bytes of an IPv4 or IPv6 address in text form; undefined when it is neither. */
export function ipToBytes(address: string): Buffer | undefined {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  if (!isIPv6(address)) return undefined;
  // RFC 4291 §2.2: a trailing dotted quad stands for the last two words
  const text = address.replace(/%.*$/, '').replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`,
  );
  const halves = text.split('::');
  const words = (part: string | undefined): number[] => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const head = words(halves[0]);
  const tail = words(halves[1]);
  const all = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head;
  if (all.length !== 8) return undefined;
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(w, 2 * i));
  return out;
}

/** Text form of 4 or 16 address bytes; IPv6 in the RFC 5952 canonical form. */
export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i]! << 8) | bytes[i + 1]!);
  // RFC 5952 §4.2: the longest run of two or more zero words becomes "::" (the first one on a tie)
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
