import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Communicator, CallsOptions } from '../../../main/engine';
import { dominantFrequency, readWavFile, rmsDbfs } from '../../../main/media/audio';
import { startEngine, waitCall } from '../../helpers/engines';
import { tempDir } from '../../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The callee answers at once and records; the caller plays `callerTone`, the callee `calleeTone`. */
async function toneCall(caller: CallsOptions, callee: CallsOptions): Promise<{ heardByCaller: Int16Array; heardByCallee: Int16Array; rate: number; encryption: { caller: string; callee: string } }> {
  const dir = tempDir();
  const bob = await startEngine('bob', { autoAnswerSeconds: 0, play: 'tone:880', recordDir: path.join(dir, 'bob'), ...callee });
  const alice = await startEngine('alice', { play: 'tone:440', recordFile: path.join(dir, 'alice.wav'), ...caller });
  const connected = waitCall(alice, (c) => c.state === 'connected');
  const bobConnected = waitCall(bob, (c) => c.state === 'connected');
  expect((await alice.request('calls:dial', { target: uriOf(bob) })).ok).toBe(true);
  const call = await connected;
  const bobCall = await bobConnected;
  await sleep(1800);
  const ended = waitCall(bob, (c) => c.state === 'ended');
  const encryption = { caller: call.encryption, callee: bobCall.encryption };
  await alice.request('calls:hangup', { callId: call.id });
  await ended;
  await sleep(200);
  const a = readWavFile(path.join(dir, 'alice.wav'));
  const b = readWavFile(path.join(dir, 'bob', fs.readdirSync(path.join(dir, 'bob'))[0]!));
  return { heardByCaller: a.samples, heardByCallee: b.samples, rate: a.sampleRate, encryption };
}

function uriOf(e: Communicator): string {
  return e.status().identity;
}

function expectHeard(samples: Int16Array, rate: number, tone: number): void {
  // skip the first second: the handshake runs before any media flows
  const tail = samples.subarray(rate * 1);
  expect(Math.abs(dominantFrequency(tail, rate) - tone)).toBeLessThan(15);
  expect(rmsDbfs(tail)).toBeGreaterThan(-30);
}

describe('calls between two engines with DTLS-SRTP', () => {
  it('alice offers DTLS-SRTP, bob (default best-effort) answers it: each hears the other\'s tone', async () => {
    const r = await toneCall({ srtp: 'dtls' }, {});
    expect(r.encryption).toEqual({ caller: 'dtls-srtp', callee: 'dtls-srtp' });
    expectHeard(r.heardByCaller, r.rate, 880);
    expectHeard(r.heardByCallee, r.rate, 440);
  });

  it('a DTLS-SRTP caller and a callee in mandatory (SDES) mode, with G.711', async () => {
    const r = await toneCall({ srtp: 'dtls', codecs: ['pcmu'] }, { srtp: 'mandatory' });
    expect(r.encryption).toEqual({ caller: 'dtls-srtp', callee: 'dtls-srtp' });
    expectHeard(r.heardByCaller, r.rate, 880);
    expectHeard(r.heardByCallee, r.rate, 440);
  });

  it('a callee with SRTP off refuses the DTLS-SRTP offer with 488', async () => {
    const bob = await startEngine('bob', { autoAnswerSeconds: 0, srtp: 'off' });
    const alice = await startEngine('alice', { srtp: 'dtls' });
    const ended = waitCall(alice, (c) => c.state === 'ended');
    await alice.request('calls:dial', { target: uriOf(bob) });
    expect((await ended).endStatus).toBe(488);
  });
});
