import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, ToneSource, goertzelPower, toneDbfs, type AudioSink } from '../../../main/media/audio';
import { AudioMixer, FrameQueue, LIMIT_KNEE, mixMinusOne, softLimit, type MixerPort } from '../../../main/media/mixer';

function frame(fill: (k: number) => number): Int16Array {
  const f = new Int16Array(FRAME_SAMPLES);
  for (let k = 0; k < f.length; k++) f[k] = fill(k);
  return f;
}

/** Deterministic pseudo-random frames below the knee once summed (8 parties × 3000 < 24576). */
function noise(seed: number): Int16Array {
  let x = seed;
  return frame(() => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return (x % 6001) - 3000;
  });
}

describe('mixMinusOne', () => {
  it('gives each input exactly the sum of the others (N−1), for 2 to 9 inputs', () => {
    for (let n = 2; n <= 9; n++) {
      const inputs = Array.from({ length: n }, (_, i) => noise(i + 1));
      const out = mixMinusOne(inputs);
      expect(out).toHaveLength(n);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < FRAME_SAMPLES; k += 37) {
          let others = 0;
          for (let j = 0; j < n; j++) if (j !== i) others += inputs[j]![k]!;
          expect(out[i]![k]).toBe(others);
        }
      }
    }
  });

  it('a null (silent or muted) input adds nothing but still gets the others', () => {
    const a = frame(() => 1000);
    const b = frame(() => -250);
    const [toA, toB, toSilent] = mixMinusOne([a, b, null]);
    expect(toA![0]).toBe(-250);
    expect(toB![0]).toBe(1000);
    expect(toSilent![0]).toBe(750);
  });

  it('nobody hears their own tone', () => {
    // Whole cycles in 20 ms, so the tones are orthogonal over one frame.
    const tones = [400, 600, 1000].map((hz) => new ToneSource(hz).read()!);
    const out = mixMinusOne(tones);
    expect(toneDbfs(out[0]!, 48000, 400)).toBeLessThan(-60);
    expect(toneDbfs(out[0]!, 48000, 600)).toBeGreaterThan(-20);
    expect(toneDbfs(out[0]!, 48000, 1000)).toBeGreaterThan(-20);
  });

  it('keeps loud sums inside 16 bits without wrapping: 8 full-scale voices in phase', () => {
    const loud = frame((k) => (k % 2 === 0 ? 32767 : -32768));
    const out = mixMinusOne(Array.from({ length: 9 }, () => loud));
    for (const f of out) {
      expect(f[0]).toBeGreaterThan(LIMIT_KNEE);
      expect(f[0]).toBeLessThanOrEqual(32767);
      expect(f[1]).toBeLessThan(-LIMIT_KNEE);
      expect(f[1]).toBeGreaterThanOrEqual(-32768);
    }
  });
});

describe('softLimit', () => {
  it('is the identity up to the knee, monotonic above it, and never leaves 16 bits', () => {
    expect(softLimit(LIMIT_KNEE)).toBe(LIMIT_KNEE);
    expect(softLimit(-12345)).toBe(-12345);
    let last = softLimit(LIMIT_KNEE);
    for (let x = LIMIT_KNEE + 1; x < 8 * 32768; x += 97) {
      const y = softLimit(x);
      expect(y).toBeGreaterThanOrEqual(last);
      expect(y).toBeLessThanOrEqual(32767);
      expect(softLimit(-x)).toBe(-y);
      last = y;
    }
    expect(softLimit(1e9)).toBe(32767);
  });
});

describe('FrameQueue', () => {
  it('gives nothing until two frames wait, then in order; re-primes after running dry', () => {
    const q = new FrameQueue();
    q.push(frame(() => 1));
    expect(q.shift()).toBeUndefined();
    q.push(frame(() => 2));
    expect(q.shift()![0]).toBe(1);
    expect(q.shift()![0]).toBe(2);
    expect(q.shift()).toBeUndefined();
    q.push(frame(() => 3));
    expect(q.shift()).toBeUndefined();
  });

  it('drops the oldest frames when the writer runs far ahead', () => {
    const q = new FrameQueue(8, 3);
    for (let i = 1; i <= 9; i++) q.push(frame(() => i));
    expect(q.length).toBe(3);
    expect(q.shift()![0]).toBe(7);
  });
});

describe('AudioMixer', () => {
  class Capture implements AudioSink {
    frames: Int16Array[] = [];
    write(f: Int16Array): void {
      this.frames.push(f);
    }
    close(): void {}
  }

  interface TestParty {
    port: MixerPort;
    tone: ToneSource;
    heard: Int16Array[];
  }

  const idleClock = { now: () => 0, setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined };

  function setup(hz: number[]): { mixer: AudioMixer; local: Capture; parties: Map<number, TestParty> } {
    const mixer = new AudioMixer(idleClock);
    const local = new Capture();
    mixer.setLocalInput(new ToneSource(300));
    mixer.setLocalOutput(local);
    const parties = new Map(hz.map((f) => [f, { port: mixer.addParty(String(f)), tone: new ToneSource(f), heard: [] as Int16Array[] }]));
    return { mixer, local, parties };
  }

  /** Each round every party's call writes its tone and reads its mix, as a call's media loop does. */
  function run(mixer: AudioMixer, parties: Map<number, TestParty>, rounds: number): void {
    for (let r = 0; r < rounds; r++) {
      for (const p of parties.values()) p.port.sink.write(p.tone.read()!);
      mixer.mixRound();
      for (const p of parties.values()) p.heard.push(p.port.source.read()!);
    }
  }

  const level = (frames: Int16Array[], hz: number): number => {
    const tail = frames.slice(5);
    const out = new Int16Array(tail.length * FRAME_SAMPLES);
    tail.forEach((f, i) => out.set(f, i * FRAME_SAMPLES));
    return toneDbfs(out, 48000, hz);
  };

  it('each party hears the local user and the other parties, never itself; the local user hears every party', () => {
    const { mixer, local, parties } = setup([660, 1000, 1500]);
    run(mixer, parties, 30);
    for (const [hz, p] of parties) {
      expect(level(p.heard, hz)).toBeLessThan(-60);
      expect(level(p.heard, 300)).toBeGreaterThan(-20);
      for (const other of parties.keys()) if (other !== hz) expect(level(p.heard, other)).toBeGreaterThan(-20);
    }
    expect(level(local.frames, 300)).toBeLessThan(-60);
    for (const hz of parties.keys()) expect(level(local.frames, hz)).toBeGreaterThan(-20);
  });

  it('a muted party is left out of every mix but keeps hearing; a removed party is gone', () => {
    const { mixer, local, parties } = setup([660, 1000]);
    mixer.setMuted('1000', true);
    expect(mixer.isMuted('1000')).toBe(true);
    run(mixer, parties, 30);
    expect(level(parties.get(660)!.heard, 1000)).toBeLessThan(-60);
    expect(level(local.frames, 1000)).toBeLessThan(-60);
    expect(level(parties.get(1000)!.heard, 660)).toBeGreaterThan(-20);
    mixer.removeParty('660');
    expect(mixer.has('660')).toBe(false);
    expect(mixer.size).toBe(1);
  });

  it('a party that sent nothing this round counts as silence', () => {
    const mixer = new AudioMixer(idleClock);
    const a = mixer.addParty('a');
    const b = mixer.addParty('b');
    for (let r = 0; r < 3; r++) mixer.mixRound();
    a.source.read();
    const toA = a.source.read()!;
    expect(goertzelPower(toA, 48000, 440)).toBe(0);
    expect(b.source.read()).toHaveLength(FRAME_SAMPLES);
    expect(() => mixer.addParty('a')).toThrow(/already/);
  });
});
