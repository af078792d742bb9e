/**
 * Random and mutated bytes never make the parser or the framer throw (DESIGN: "random and
 * mutated input never crashes or hangs the UA"). Deterministic: a fixed-seed generator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createErrorResponse, parseMessage, StreamFramer } from '../../../main/sip/message';

/** mulberry32: a small deterministic generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = ['rfc4475', 'rfc5118', 'sip'].flatMap((dir) => {
  const full = path.resolve(import.meta.dirname, '../../fixtures', dir);
  return fs.readdirSync(full).map((f) => fs.readFileSync(path.join(full, f)));
});

const INTERESTING = [0, 9, 10, 13, 32, 34, 37, 44, 58, 59, 60, 62, 64, 91, 92, 93, 0x7f, 0x80, 0xc3, 0xff];

function mutate(data: Buffer, random: () => number): Buffer {
  const out = Buffer.from(data);
  const edits = 1 + Math.floor(random() * 8);
  let result = out;
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * result.length);
    const kind = random();
    if (kind < 0.4) result[at] = INTERESTING[Math.floor(random() * INTERESTING.length)] as number;
    else if (kind < 0.6) result[at] = Math.floor(random() * 256);
    else if (kind < 0.8) result = Buffer.concat([result.subarray(0, at), result.subarray(Math.min(result.length, at + 1 + Math.floor(random() * 20)))]);
    else result = Buffer.concat([result.subarray(0, at), result.subarray(at, at + Math.floor(random() * 40)), result.subarray(at)]);
  }
  return result;
}

function exercise(data: Buffer): void {
  const r = parseMessage(data);
  if (r.ok) {
    const m = r.value;
    void [m.expires, m.supported, m.authorization, m.wwwAuthenticate, m.event, m.referTo, m.subject, m.getHeaders('via')];
    m.appendHeader('X-Fuzz', '1');
    parseMessage(m.toBuffer());
  } else {
    createErrorResponse(r.error, 'tag')?.toBuffer();
  }
  parseMessage(data, { transport: 'stream' });
}

describe('fuzzing', () => {
  it('mutated torture and real messages never throw', () => {
    const random = rng(5638);
    for (let i = 0; i < 6000; i++) {
      const seed = SEEDS[i % SEEDS.length] as Buffer;
      const data = mutate(seed, random);
      expect(() => exercise(data)).not.toThrow();
    }
  });

  it('random bytes never throw, in the parser or the framer', () => {
    const random = rng(3261);
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(random() * 400);
      const data = Buffer.alloc(length);
      for (let j = 0; j < length; j++) data[j] = random() < 0.5 ? (INTERESTING[Math.floor(random() * INTERESTING.length)] as number) : Math.floor(random() * 128);
      expect(() => exercise(data)).not.toThrow();
      const framer = new StreamFramer({ maxHeaderBytes: 512, maxMessageBytes: 2048 });
      expect(() => framer.push(data)).not.toThrow();
    }
  });

  it('a stream of mutated messages cut at random places never throws', () => {
    const random = rng(5626);
    const framer = new StreamFramer();
    for (let i = 0; i < 500; i++) {
      const data = mutate(SEEDS[i % SEEDS.length] as Buffer, random);
      const cut = Math.floor(random() * data.length);
      expect(() => {
        for (const f of [...framer.push(data.subarray(0, cut)), ...framer.push(data.subarray(cut))]) if (f.type === 'message') exercise(f.data);
      }).not.toThrow();
    }
  });
});
