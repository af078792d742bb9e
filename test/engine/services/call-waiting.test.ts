import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../../main/engine';
import type { CallInfo } from '../../../shared/ipc';
import { startEngine, waitCall } from '../../helpers/engines';

async function value<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

const id = (e: Communicator): string => e.status().identity;

describe('several calls at once: call waiting and switching', () => {
  it('a second call rings as waiting; answering it holds the first; resuming the first holds the second; the limit gives 486', async () => {
    const bob = await startEngine('bob', { maxCalls: 2 });
    const alice = await startEngine('alice');
    const carol = await startEngine('carol');
    const dave = await startEngine('dave');

    const firstRings = waitCall(bob, (c) => c.state === 'incoming' && c.peer === id(alice));
    const aliceConnected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: id(bob) }));
    const first = await firstRings;
    expect(first.waiting).toBeUndefined();
    await value(bob.request('calls:answer', { callId: first.id }));
    const aliceCall = await aliceConnected;

    const secondRings = waitCall(bob, (c) => c.state === 'incoming' && c.peer === id(carol));
    const carolConnected = waitCall(carol, (c) => c.state === 'connected');
    await value(carol.request('calls:dial', { target: id(bob) }));
    const second = await secondRings;
    expect(second.waiting).toBe(true);

    // Limit of two calls reached: a third caller hears 486 Busy Here.
    const daveEnded = waitCall(dave, (c) => c.state === 'ended');
    await value(dave.request('calls:dial', { target: id(bob) }));
    expect((await daveEnded).endStatus).toBe(486);

    // Answering the waiting call puts alice on hold first.
    const aliceHeld = waitCall(alice, (c) => c.id === aliceCall.id && c.remoteHeld);
    const answered = await value<CallInfo>(bob.request('calls:answer', { callId: second.id }));
    expect(answered.state).toBe('connected');
    expect(answered.waiting).toBeUndefined();
    await aliceHeld;
    await carolConnected;
    let calls = await value<CallInfo[]>(bob.request('calls:list', undefined));
    expect(calls.find((c) => c.id === first.id)?.held).toBe(true);
    expect(calls.find((c) => c.id === second.id)?.held).toBe(false);

    // Switching back: resuming alice holds carol.
    const carolHeld = waitCall(carol, (c) => c.remoteHeld);
    const aliceBack = waitCall(alice, (c) => c.id === aliceCall.id && !c.remoteHeld);
    await value(bob.request('calls:resume', { callId: first.id }));
    await carolHeld;
    await aliceBack;
    calls = await value<CallInfo[]>(bob.request('calls:list', undefined));
    expect(calls.find((c) => c.id === first.id)?.held).toBe(false);
    expect(calls.find((c) => c.id === second.id)?.held).toBe(true);
  });

  it('a waiting call stops being one when the other call ends', async () => {
    const bob = await startEngine('bob');
    const alice = await startEngine('alice');
    const carol = await startEngine('carol');
    const firstRings = waitCall(bob, (c) => c.state === 'incoming');
    const aliceConnected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: id(bob) }));
    await value(bob.request('calls:answer', { callId: (await firstRings).id }));
    const aliceCall = await aliceConnected;
    const waiting = waitCall(bob, (c) => c.state === 'incoming' && c.waiting === true);
    await value(carol.request('calls:dial', { target: id(bob) }));
    const second = await waiting;
    const notWaiting = waitCall(bob, (c) => c.id === second.id && c.state === 'incoming' && c.waiting !== true);
    await value(alice.request('calls:hangup', { callId: aliceCall.id }));
    await notWaiting;
  });
});
