import type { SrvRecord } from './dns-client';

/** A number in [0, 1), like Math.random; injected so tests can fix the order. */
export type RandomSource = () => number;

/**
 * Orders SRV records for trying (RFC 2782, "Usage rules"): lowest priority first; within a
 * priority, a weighted random draw repeated until none is left. A target of "." means the
 * service is not offered there, so such records are dropped.
 */
export function orderSrv(records: readonly SrvRecord[], random: RandomSource = Math.random): SrvRecord[] {
  const usable = records.filter((r) => r.name !== '.' && r.name !== '');
  const priorities = [...new Set(usable.map((r) => r.priority))].sort((a, b) => a - b);
  const out: SrvRecord[] = [];
  for (const p of priorities) {
    // RFC 2782: records of weight 0 go first in the list the running sums are taken over.
    const left = usable.filter((r) => r.priority === p).sort((a, b) => (a.weight === 0 ? 0 : 1) - (b.weight === 0 ? 0 : 1));
    while (left.length > 0) {
      const total = left.reduce((s, r) => s + r.weight, 0);
      // RFC 2782: a uniform random number between 0 and the sum of weights, inclusive.
      const pick = Math.min(total, Math.floor(random() * (total + 1)));
      let running = 0;
      let index = left.length - 1;
      for (let i = 0; i < left.length; i++) {
        running += (left[i] as SrvRecord).weight;
        if (running >= pick) {
          index = i;
          break;
        }
      }
      out.push(...left.splice(index, 1));
    }
  }
  return out;
}
