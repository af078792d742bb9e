import { describe, expect, it } from 'vitest';
import { orderSrv, type SrvRecord } from '../../../main/sip/locator';

const rec = (name: string, priority: number, weight: number): SrvRecord => ({ name, priority, weight, port: 5060 });
const records = [rec('a', 1, 10), rec('b', 1, 30), rec('c', 1, 0), rec('d', 2, 5), rec('x', 0, 0)].map((r) =>
  r.name === 'x' ? { ...r, name: '.' } : r,
);
const sequence = (...values: number[]) => () => values.shift() ?? 0;

describe('RFC 2782 SRV ordering', () => {
  it('walks priorities in order and draws by running weight sums, weight-0 records first', () => {
    // priority 1, list [c(0), a(10), b(30)], sum 40: draw floor(0.5*41)=20 → b; then [c, a] sum 10: 0 → c; then a.
    expect(orderSrv(records, sequence(0.5, 0.0, 0.7, 0.3)).map((r) => r.name)).toEqual(['b', 'c', 'a', 'd']);
    // draw floor(0.1*41)=4 → a; then [c, b] sum 30: floor(0.99*31)=30 → b; then c.
    expect(orderSrv(records, sequence(0.1, 0.99, 0.2, 0.3)).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops "." targets (service not offered)', () => {
    expect(orderSrv([{ ...rec('x', 0, 0), name: '.' }])).toEqual([]);
  });

  it('picks in proportion to weight over many draws', () => {
    let seed = 42;
    const lcg = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const firsts: Record<string, number> = { a: 0, b: 0, c: 0 };
    const n = 20_000;
    for (let i = 0; i < n; i++) firsts[orderSrv(records, lcg)[0]!.name]! += 1;
    // Draw 0..40 inclusive: c wins on 0 (1/41), a on 1..10 (10/41), b on 11..40 (30/41).
    expect(firsts.a! / n).toBeCloseTo(10 / 41, 1);
    expect(firsts.b! / n).toBeCloseTo(30 / 41, 1);
    expect(firsts.c! / n).toBeLessThan(0.05);
  });
});
