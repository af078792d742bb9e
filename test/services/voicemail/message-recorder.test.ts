import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, ToneSource } from '../../../main/media/audio';
import { decodeOggOpus } from '../../../main/services/voicemail';
import { MessageRecorder } from '../../../main/services/voicemail/message-recorder';
import { tempDir } from '../../helpers/temp-dir';

const tick = (): Promise<void> => new Promise((r) => queueMicrotask(r));

describe('the message recorder: length limit and long silence', () => {
  it('stops at the length limit once, and keeps exactly that much', async () => {
    const file = path.join(tempDir(), 'm.opus');
    const limits: string[] = [];
    const r = new MessageRecorder({ file, maxMs: 1000, silenceMs: 5000, onLimit: (why) => limits.push(why) });
    const tone = new ToneSource(440);
    for (let i = 0; i < 80; i++) r.write(tone.read());
    await tick();
    expect(limits).toEqual(['max-length']);
    expect(r.voiced).toBe(true);
    expect(r.finish().durationMs).toBe(1000);
    expect(decodeOggOpus(fs.readFileSync(file)).samples.length).toBeGreaterThan(48000 - 400);
  });

  it('stops after the silence limit counted from the last sound; silence only is not a message', async () => {
    const dir = tempDir();
    const limits: string[] = [];
    const r = new MessageRecorder({ file: path.join(dir, 'a.opus'), maxMs: 60_000, silenceMs: 400, onLimit: (why) => limits.push(why) });
    const tone = new ToneSource(440);
    for (let i = 0; i < 10; i++) r.write(tone.read());
    for (let i = 0; i < 19; i++) r.write(new Int16Array(FRAME_SAMPLES));
    await tick();
    expect(limits).toEqual([]);
    r.write(new Int16Array(FRAME_SAMPLES));
    await tick();
    expect(limits).toEqual(['silence']);

    const quiet = new MessageRecorder({ file: path.join(dir, 'b.opus'), maxMs: 60_000, silenceMs: 10_000, onLimit: () => undefined });
    // Line noise below the silence level does not count as the caller speaking.
    const hiss = Int16Array.from({ length: FRAME_SAMPLES }, (_, i) => (i % 2 ? 20 : -20));
    for (let i = 0; i < 20; i++) quiet.write(hiss);
    expect(quiet.voiced).toBe(false);
    quiet.abort();
    r.abort();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
