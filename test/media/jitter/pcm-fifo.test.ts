import { describe, expect, it } from 'vitest';
import { PcmFifo } from '../../../main/media/jitter/pcm-fifo';

/** Sample number `k` of a test stream, kept inside the Int16 range. */
const at = (k: number): number => k % 30000;

function ramp(from: number, n: number): Int16Array {
  return Int16Array.from({ length: n }, (_, i) => at(from + i));
}

describe('PcmFifo', () => {
  it('hands out samples in order across pushes, compaction and growth', () => {
    const fifo = new PcmFifo();
    let next = 0;
    let expected = 0;
    // 960-sample packets in, 700-sample frames out: the read position never lines up with the
    // write position, so the buffer both compacts in place and grows past its first 4096 samples.
    for (let round = 0; round < 40; round++) {
      fifo.push(ramp(next, 960));
      next += 960;
      if (round % 3 === 2) {
        fifo.push(ramp(next, 5000));
        next += 5000;
      }
      while (fifo.length >= 700) {
        const out = fifo.take(700);
        expect(out).toEqual(ramp(expected, 700));
        expected += 700;
      }
    }
    expect(fifo.length).toBe(next - expected);
  });

  it('appends zeros for silence after what it holds, and zero-fills a short take', () => {
    const fifo = new PcmFifo();
    fifo.push(ramp(1, 3));
    fifo.pushSilence(2);
    fifo.pushSilence(0);
    fifo.push(ramp(7, 1));
    expect(Array.from(fifo.take(8))).toEqual([1, 2, 3, 0, 0, 7, 0, 0]);
    expect(fifo.length).toBe(0);
  });

  it('gives out copies: a taken frame does not change when the fifo is reused', () => {
    const fifo = new PcmFifo();
    fifo.push(ramp(100, 4));
    const first = fifo.take(4);
    fifo.push(ramp(500, 4));
    fifo.take(4);
    expect(Array.from(first)).toEqual([100, 101, 102, 103]);
  });
});
