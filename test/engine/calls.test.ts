import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../main/engine';
import { dominantFrequency, readWavFile, rmsDbfs } from '../../main/media/audio';
import { tempDir } from '../helpers/temp-dir';
import { startEngine, waitCall } from '../helpers/engines';

function uriOf(e: Communicator): string {
  return e.status().identity;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('calls between two engines (SIP + SDP + SRTP + codecs on 127.0.0.1)', () => {
  it('carries a different tone each way and records what each side heard', async () => {
    const dir = tempDir();
    const bob = await startEngine('bob', { autoAnswerSeconds: 0, play: 'tone:880', recordDir: path.join(dir, 'bob') });
    const alice = await startEngine('alice', { play: 'tone:440', recordFile: path.join(dir, 'alice.wav') });
    const connected = waitCall(alice, (c) => c.state === 'connected');
    const dialed = await alice.request('calls:dial', { target: uriOf(bob) });
    expect(dialed.ok).toBe(true);
    const call = await connected;
    expect(call.encryption).toBe('srtp');
    expect(call.codec).toBe('opus');
    await sleep(1500);
    const ended = waitCall(bob, (c) => c.state === 'ended');
    expect((await alice.request('calls:hangup', { callId: call.id })).ok).toBe(true);
    expect((await ended).endReason).toMatch(/hung up/);
    await sleep(200);

    const heardByAlice = readWavFile(path.join(dir, 'alice.wav'));
    const bobFile = fs.readdirSync(path.join(dir, 'bob'))[0]!;
    const heardByBob = readWavFile(path.join(dir, 'bob', bobFile));
    for (const [audio, tone] of [[heardByAlice, 880], [heardByBob, 440]] as const) {
      const samples = audio.samples.subarray(audio.sampleRate * 0.3);
      expect(Math.abs(dominantFrequency(samples, audio.sampleRate) - tone)).toBeLessThan(15);
      expect(rmsDbfs(samples)).toBeGreaterThan(-30);
    }
  });

  it('a declined call ends on the caller with 603', async () => {
    const bob = await startEngine('bob', {});
    const alice = await startEngine('alice', {});
    const ringing = waitCall(bob, (c) => c.state === 'incoming');
    const ended = waitCall(alice, (c) => c.state === 'ended');
    await alice.request('calls:dial', { target: uriOf(bob) });
    const incoming = await ringing;
    expect(incoming.direction).toBe('incoming');
    await sleep(100);
    expect((await bob.request('calls:decline', { callId: incoming.id })).ok).toBe(true);
    expect((await ended).endStatus).toBe(603);
  });

  it('hold and resume by re-INVITE: the other side sees it held, then not', async () => {
    const bob = await startEngine('bob', { autoAnswerSeconds: 0 });
    const alice = await startEngine('alice', {});
    const connected = waitCall(alice, (c) => c.state === 'connected');
    await alice.request('calls:dial', { target: uriOf(bob) });
    const call = await connected;
    const bobHeld = waitCall(bob, (c) => c.remoteHeld);
    const held = await alice.request('calls:hold', { callId: call.id });
    expect(held).toMatchObject({ ok: true, value: { held: true } });
    await bobHeld;
    const bobResumed = waitCall(bob, (c) => !c.remoteHeld);
    expect(await alice.request('calls:resume', { callId: call.id })).toMatchObject({ ok: true, value: { held: false } });
    await bobResumed;
    await alice.request('calls:hangup', { callId: call.id });
  });

  it('refuses bad targets and unknown calls as error values', async () => {
    const alice = await startEngine('alice', {});
    expect(await alice.request('calls:dial', { target: 'not an address' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await alice.request('calls:dial', { target: '+4930123' })).toMatchObject({ ok: false, error: { code: 'bad-target' } });
    expect(await alice.request('calls:hangup', { callId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers 486 Busy Here once the call limit is reached', async () => {
    const bob = await startEngine('bob', { autoAnswerSeconds: 0, maxCalls: 1 });
    const alice = await startEngine('alice', {});
    const first = waitCall(alice, (c) => c.state === 'connected');
    await alice.request('calls:dial', { target: uriOf(bob) });
    await first;
    const busy = waitCall(alice, (c) => c.state === 'ended');
    await alice.request('calls:dial', { target: uriOf(bob) });
    expect((await busy).endStatus).toBe(486);
  });
});
