import { describe, expect, it } from 'vitest';
import { G711Codec, G722Codec, PitchPlc } from '../../../main/media/codecs';
import { dominantFrequency, rmsDbfs } from '../../../main/media/audio';
import { sine } from './tone';

function feed(plc: PitchPlc, signal: Int16Array, frame: number): void {
  for (let at = 0; at + frame <= signal.length; at += frame) plc.received(signal.slice(at, at + frame));
}

describe('PitchPlc (G.711 Appendix I style)', () => {
  it('continues a voiced signal at its pitch and level for the first 10 ms', () => {
    const plc = new PitchPlc(8000);
    const x = sine(8000 + 160, 8000, 200, 8000);
    feed(plc, x.subarray(0, 8000), 80);
    const hidden = plc.conceal(80);
    expect(hidden).toHaveLength(80);
    expect(dominantFrequency(hidden, 8000)).toBeGreaterThan(180);
    expect(dominantFrequency(hidden, 8000)).toBeLessThan(220);
    expect(Math.abs(rmsDbfs(hidden) - rmsDbfs(x.subarray(8000, 8080)))).toBeLessThan(1);
    // The repeated period joins the real signal where its continuation would have been.
    expect(Math.abs(hidden[0]! - x[8000]!)).toBeLessThan(100);
  });

  it('fades after 10 ms and is silent from 60 ms on', () => {
    const plc = new PitchPlc(8000);
    feed(plc, sine(4000, 8000, 250, 8000), 160);
    const frames = Array.from({ length: 4 }, () => plc.conceal(160));
    expect(rmsDbfs(frames[1]!)).toBeLessThan(rmsDbfs(frames[0]!) - 3);
    expect(frames[3]!.every((s) => s === 0)).toBe(true);
  });

  it('cross-fades back into the first good frame', () => {
    const plc = new PitchPlc(8000);
    const x = sine(8000, 8000, 200, 8000);
    feed(plc, x.subarray(0, 4000), 160);
    plc.conceal(160);
    const good = plc.received(x.slice(4160, 4320));
    let jump = 0;
    for (let i = 1; i < good.length; i++) jump = Math.max(jump, Math.abs(good[i]! - good[i - 1]!));
    // A 200 Hz sine of amplitude 8000 moves at most 2π·200/8000·8000 ≈ 1257 per sample.
    expect(jump).toBeLessThan(2000);
    // After the overlap the real signal passes untouched.
    expect(Array.from(good.subarray(64))).toEqual(Array.from(x.subarray(4224, 4320))); // 20 ms lost: 8 ms overlap
  });

  it('conceals silence before any audio as silence', () => {
    expect(new PitchPlc(16000).conceal(320).every((s) => s === 0)).toBe(true);
  });
});

describe('codec concealment', () => {
  it('G.711 and G.722 conceal and recover whole frames', () => {
    const g711 = new G711Codec('ulaw');
    g711.decode(g711.encode(sine(160, 8000, 300, 5000)));
    expect(g711.conceal(160)).toHaveLength(160);
    expect(g711.recover(new Uint8Array(160), 160)).toHaveLength(160);
    const g722 = new G722Codec();
    g722.decode(g722.encode(sine(320, 16000, 300, 5000)));
    expect(g722.conceal(320)).toHaveLength(320);
    expect(g722.recover(new Uint8Array(160), 320)).toHaveLength(320);
  });
});
