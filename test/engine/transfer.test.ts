import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallInfo } from '../../shared/ipc';
import type { Communicator } from '../../main/engine';
import type { SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { readWavFile, toneDbfs } from '../../main/media/audio';
import { startEngine, waitCall } from '../helpers/engines';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const uriOf = (e: Communicator): string => e.status().identity;

/** The recording of the n-th call (0-based) an engine with --record DIR made. */
function recording(dir: string, n: number): { samples: Int16Array; sampleRate: number } {
  const file = fs.readdirSync(dir).find((f) => f.endsWith(`-${n}.wav`));
  if (!file) throw new Error(`no recording ${n} in ${dir}: ${fs.readdirSync(dir).join(', ')}`);
  return readWavFile(path.join(dir, file));
}

/** Level of `hz` over the last `seconds` of a recording, dBFS. */
function tailTone(audio: { samples: Int16Array; sampleRate: number }, hz: number, seconds = 0.8): number {
  const tail = audio.samples.subarray(Math.max(0, audio.samples.length - Math.round(audio.sampleRate * seconds)));
  return toneDbfs(tail, audio.sampleRate, hz);
}

async function connect(from: Communicator, to: Communicator): Promise<{ caller: CallInfo; callee: CallInfo }> {
  const callerUp = waitCall(from, (c) => c.state === 'connected' && c.peer.includes(`@127.0.0.1:${to.listening()[0]!.port}`));
  const calleeUp = waitCall(to, (c) => c.state === 'connected' && c.direction === 'incoming');
  const dialed = await from.request('calls:dial', { target: uriOf(to) });
  expect(dialed.ok).toBe(true);
  return { caller: await callerUp, callee: await calleeUp };
}

describe('call transfer between engines (REFER, NOTIFY sipfrag, Replaces)', () => {
  it('blind: B transfers A to C; A and C talk, B is out', async () => {
    const dir = tempDir();
    const a = await startEngine('alice', { play: 'tone:440', recordDir: path.join(dir, 'a') });
    const b = await startEngine('bob', { autoAnswerSeconds: 0, play: 'tone:660' });
    const c = await startEngine('carol', { autoAnswerSeconds: 0, play: 'tone:880', recordDir: path.join(dir, 'c') });
    const { caller: aCall, callee: bCall } = await connect(a, b);

    const aToC = waitCall(a, (x) => x.state === 'connected' && x.id !== aCall.id);
    const cFromA = waitCall(c, (x) => x.state === 'connected');
    const bDone = waitCall(b, (x) => x.id === bCall.id && x.state === 'ended');
    const aOldDone = waitCall(a, (x) => x.id === aCall.id && x.state === 'ended');
    const transfer = await b.request('calls:transfer', { callId: bCall.id, target: uriOf(c) });
    expect(transfer).toMatchObject({ ok: true, value: { transfer: { role: 'transferor', kind: 'blind' } } });

    const ended = await bDone;
    expect(ended.transfer).toMatchObject({ role: 'transferor', state: 'succeeded', status: 200 });
    expect((await aOldDone).transfer).toMatchObject({ role: 'transferee', state: 'succeeded' });
    const newCall = await aToC;
    expect(newCall.peer).toContain(`:${c.listening()[0]!.port}`);
    await cFromA;
    await sleep(1500);
    const cEnded = waitCall(c, (x) => x.state === 'ended');
    await a.request('calls:hangup', { callId: newCall.id });
    await cEnded;
    await sleep(200);

    const heardByA = recording(path.join(dir, 'a'), 1);
    const heardByC = recording(path.join(dir, 'c'), 0);
    expect(tailTone(heardByA, 880)).toBeGreaterThan(-30);
    expect(tailTone(heardByA, 660)).toBeLessThan(-36);
    expect(tailTone(heardByC, 440)).toBeGreaterThan(-30);
  });

  it('attended: B consults C, then hands A over with Replaces; A and C talk, both B calls end', async () => {
    const dir = tempDir();
    const a = await startEngine('alice', { play: 'tone:440', recordDir: path.join(dir, 'a') });
    const b = await startEngine('bob', { autoAnswerSeconds: 0, play: 'tone:660' });
    const c = await startEngine('carol', { autoAnswerSeconds: 0, play: 'tone:880', recordDir: path.join(dir, 'c') });
    const { caller: aCall, callee: bWithA } = await connect(a, b);
    const { caller: bWithC, callee: cWithB } = await connect(b, c);

    const aToC = waitCall(a, (x) => x.state === 'connected' && x.id !== aCall.id);
    const cReplacing = waitCall(c, (x) => x.state === 'connected' && x.replacesCallId !== undefined);
    const bAEnded = waitCall(b, (x) => x.id === bWithA.id && x.state === 'ended');
    const bCEnded = waitCall(b, (x) => x.id === bWithC.id && x.state === 'ended');
    const cOldEnded = waitCall(c, (x) => x.id === cWithB.id && x.state === 'ended');
    const r = await b.request('calls:transfer-attended', { callId: bWithA.id, toCallId: bWithC.id });
    expect(r).toMatchObject({ ok: true, value: { transfer: { role: 'transferor', kind: 'attended' } } });

    const replacing = await cReplacing;
    expect(replacing.replacesCallId).toBe(cWithB.id);
    expect(replacing.peer).toContain(`:${a.listening()[0]!.port}`);
    expect((await cOldEnded).endReason).toMatch(/replaced/);
    expect((await bAEnded).transfer).toMatchObject({ state: 'succeeded' });
    await bCEnded;
    const newCall = await aToC;
    expect((await a.request('calls:list', undefined)).ok).toBe(true);
    await sleep(1500);
    const cEnded = waitCall(c, (x) => x.id === replacing.id && x.state === 'ended');
    await a.request('calls:hangup', { callId: newCall.id });
    await cEnded;
    await sleep(200);

    const heardByA = recording(path.join(dir, 'a'), 1);
    const heardByC = recording(path.join(dir, 'c'), 1);
    expect(tailTone(heardByA, 880)).toBeGreaterThan(-30);
    expect(tailTone(heardByC, 440)).toBeGreaterThan(-30);
    expect(tailTone(heardByC, 660)).toBeLessThan(-36);
  });

  it('a transfer the target refuses fails and leaves the original call up', async () => {
    const a = await startEngine('alice', {});
    const b = await startEngine('bob', { autoAnswerSeconds: 0 });
    const c = await startEngine('carol', { maxCalls: 0 });
    const { callee: bCall } = await connect(a, b);
    const failed = waitCall(b, (x) => x.id === bCall.id && x.transfer?.state === 'failed');
    await b.request('calls:transfer', { callId: bCall.id, target: uriOf(c) });
    const info = await failed;
    expect(info.state).toBe('connected');
    expect(info.transfer).toMatchObject({ status: 486 });
  });

  it('the referred INVITE names the transferor in Referred-By (RFC 3892) and carries no Replaces for a blind transfer', async () => {
    const a = await startEngine('alice', {});
    const b = await startEngine('bob', { autoAnswerSeconds: 0 });
    const target = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'carol', product: 'Target/test' });
    try {
      const seen: SipRequest[] = [];
      target.handle('INVITE', (request, tx) => {
        seen.push(request);
        target.respond(tx, 486);
      });
      const { callee: bCall } = await connect(a, b);
      const failed = waitCall(b, (x) => x.id === bCall.id && x.transfer?.state === 'failed');
      await b.request('calls:transfer', { callId: bCall.id, target: target.localUri });
      expect((await failed).transfer).toMatchObject({ status: 486 });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.getHeader('Referred-By')).toBe(`<${uriOf(b)}>`);
      expect(seen[0]!.hasHeader('Replaces')).toBe(false);
      expect(seen[0]!.from.uri.user).toBe('alice');
    } finally {
      await target.close();
    }
  });

  it('refuses transfers of calls that are not connected, and bad targets, as error values', async () => {
    const a = await startEngine('alice', {});
    const b = await startEngine('bob', { autoAnswerSeconds: 0 });
    const ringing = await startEngine('carol', {});
    const { caller } = await connect(a, b);
    expect(await a.request('calls:transfer', { callId: caller.id, target: '+4930123' })).toMatchObject({ ok: false, error: { code: 'bad-target' } });
    const rings = waitCall(ringing, (x) => x.state === 'incoming');
    const dialing = await a.request('calls:dial', { target: uriOf(ringing) });
    await rings;
    const unanswered = (dialing as { ok: true; value: CallInfo }).value.id;
    expect(await a.request('calls:transfer', { callId: unanswered, target: uriOf(b) })).toMatchObject({ ok: false, error: { code: 'bad-state' } });
    expect(await a.request('calls:transfer-attended', { callId: caller.id, toCallId: unanswered })).toMatchObject({ ok: false, error: { code: 'bad-state' } });
    expect(await a.request('calls:transfer', { callId: 'nope', target: uriOf(b) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await a.request('calls:transfer-attended', { callId: caller.id, toCallId: caller.id })).toMatchObject({ ok: false, error: { code: 'bad-target' } });
  });

  it('an INVITE with Replaces naming no dialog gets 481; a bad Replaces 400; early-only on a confirmed call 486; a stranger 403', async () => {
    const a = await startEngine('alice', {});
    const b = await startEngine('bob', { autoAnswerSeconds: 0 });
    const ua = a.stack!.ua;
    const invite = async (replaces: string): Promise<number> => {
      const request = ua.createRequest('INVITE', uriOf(b), { headers: [['Replaces', replaces]] });
      const { response } = await ua.send(request);
      return response.status;
    };
    expect(await invite('no-such-call@127.0.0.1;to-tag=abc;from-tag=def')).toBe(481);
    expect(await invite('x@y;to-tag=abc')).toBe(400);

    await connect(a, b);
    // Our dialog with bob, named from bob's side: his tag is the to-tag.
    const bobCalls = (await b.request('calls:list', undefined)) as { ok: true; value: CallInfo[] };
    expect(bobCalls.value).toHaveLength(1);
    const dialog = findDialog(a);
    expect(await invite(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag};early-only`)).toBe(486);
    // RFC 3891 §3: someone who is not on that call (and not referred by its party) may not take it over.
    const stranger = await startEngine('mallory', {});
    const theirs = stranger.stack!.ua;
    const { response } = await theirs.send(theirs.createRequest('INVITE', uriOf(b), { headers: [['Replaces', `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`]] }));
    expect(response.status).toBe(403);
    const stillUp = (await b.request('calls:list', undefined)) as { ok: true; value: CallInfo[] };
    expect(stillUp.value).toHaveLength(1);
    expect(stillUp.value[0]!.state).toBe('connected');
  });
});

/** The one established dialog in an engine's UA (a test-only look inside). */
function findDialog(e: Communicator): { callId: string; localTag: string; remoteTag: string } {
  const dialogs = (e.stack!.ua as unknown as { dialogs: Map<string, { dialog: { id: { callId: string; localTag: string; remoteTag: string } } }> }).dialogs;
  const first = [...dialogs.values()][0];
  if (!first) throw new Error('no dialog');
  return first.dialog.id;
}
