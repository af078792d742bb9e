import { describe, expect, it } from 'vitest';
import type { CallInfo, HistoryEntry, HistoryPage } from '../../shared/ipc';
import type { Communicator } from '../../main/engine';
import { callOutcome } from '../../main/engine/history-feature';
import { startEngine, waitCall } from '../helpers/engines';

async function history(e: Communicator, payload?: { before?: string; limit?: number }): Promise<HistoryPage> {
  const r = await e.request('history:list', payload);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as HistoryPage;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('call history between two engines', () => {
  it('records an answered call and a declined call on both sides, committed before the call is reported ended', async () => {
    const bob = await startEngine('bob', {});
    const alice = await startEngine('alice', {});
    const added: HistoryEntry[] = [];
    alice.events.on('history:added', (h) => added.push(h));
    // When alice hears "ended", the row is already in the database.
    const seenAtEnd: number[] = [];
    alice.events.on('calls:changed', (c) => {
      if (c.state === 'ended') void history(alice).then((p) => seenAtEnd.push(p.entries.length));
    });

    // 1. answered, then hung up by alice
    let ringing = waitCall(bob, (c) => c.state === 'incoming');
    const connected = waitCall(alice, (c) => c.state === 'connected');
    await alice.request('calls:dial', { target: bob.status().identity });
    await bob.request('calls:answer', { callId: (await ringing).id });
    const call = await connected;
    await sleep(300);
    const bobEnded = waitCall(bob, (c) => c.state === 'ended');
    await alice.request('calls:hangup', { callId: call.id });
    await bobEnded;

    // 2. declined by bob
    ringing = waitCall(bob, (c) => c.state === 'incoming');
    const aliceEnded = waitCall(alice, (c) => c.state === 'ended');
    await alice.request('calls:dial', { target: bob.status().identity });
    const incoming = await ringing;
    await sleep(100);
    await bob.request('calls:decline', { callId: incoming.id });
    await aliceEnded;
    await sleep(100);

    const mine = await history(alice);
    expect(mine.entries.map((e) => [e.direction, e.outcome, e.sipStatus])).toEqual([
      ['outgoing', 'rejected', 603],
      ['outgoing', 'answered', undefined],
    ]);
    expect(mine.entries[1]).toMatchObject({ peer: expect.stringContaining('bob@127.0.0.1'), codec: 'opus', encryption: 'srtp', endReason: 'hung up' });
    expect(mine.entries[1]!.answeredAt).toBeGreaterThanOrEqual(mine.entries[1]!.startedAt);
    expect(mine.entries[1]!.endedAt).toBeGreaterThanOrEqual(mine.entries[1]!.answeredAt!);
    expect(added.map((h) => h.id)).toEqual([mine.entries[1]!.id, mine.entries[0]!.id]);
    expect(seenAtEnd).toEqual([1, 2]);

    const theirs = await history(bob);
    expect(theirs.entries.map((e) => [e.direction, e.outcome])).toEqual([
      ['incoming', 'rejected'],
      ['incoming', 'answered'],
    ]);
    expect(theirs.entries[1]!.peer).toContain('alice@127.0.0.1');

    // paging, delete, clear over the contract
    const page1 = await history(alice, { limit: 1 });
    expect(page1.entries).toHaveLength(1);
    const page2 = await history(alice, { limit: 1, before: page1.nextCursor! });
    expect(page2.entries[0]!.outcome).toBe('answered');
    expect(page2.nextCursor).toBeUndefined();
    expect(await alice.request('history:list', { limit: 1000 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await alice.request('history:list', { before: 'x; DROP TABLE' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await alice.request('history:delete', { id: page1.entries[0]!.id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await alice.request('history:clear', undefined)).toEqual({ ok: true, value: { deleted: 1 } });
    expect((await history(alice)).entries).toEqual([]);
  });

  it('a call the caller gives up on is cancelled for the caller and missed for the callee', async () => {
    const bob = await startEngine('bob', {});
    const alice = await startEngine('alice', {});
    const ringing = waitCall(bob, (c) => c.state === 'incoming');
    const bobEnded = waitCall(bob, (c) => c.state === 'ended');
    const dialed = await alice.request('calls:dial', { target: bob.status().identity });
    await ringing;
    await sleep(100);
    await alice.request('calls:hangup', { callId: (dialed as { ok: true; value: CallInfo }).value.id });
    await bobEnded;
    expect((await history(alice)).entries.map((e) => e.outcome)).toEqual(['cancelled']);
    expect((await history(bob)).entries.map((e) => [e.outcome, e.sipStatus])).toEqual([['missed', 487]]);
  });
});

describe('callOutcome', () => {
  const base: CallInfo = { id: 'x', direction: 'outgoing', state: 'ended', peer: 'sip:b@h', startedAt: 1, held: false, remoteHeld: false, muted: false, encryption: 'none' };
  it('maps SIP endings to what the user sees', () => {
    expect(callOutcome({ ...base, answeredAt: 2, endStatus: 603 })).toBe('answered');
    expect(callOutcome({ ...base, endStatus: 486 })).toBe('busy');
    expect(callOutcome({ ...base, endStatus: 600 })).toBe('busy');
    expect(callOutcome({ ...base, endStatus: 603 })).toBe('rejected');
    expect(callOutcome({ ...base, endReason: 'cancelled' })).toBe('cancelled');
    expect(callOutcome({ ...base, endStatus: 404 })).toBe('failed');
    expect(callOutcome({ ...base, endReason: 'the call failed: timeout' })).toBe('failed');
    expect(callOutcome({ ...base, direction: 'incoming', endStatus: 487 })).toBe('missed');
    expect(callOutcome({ ...base, direction: 'incoming', endStatus: 603 })).toBe('rejected');
    expect(callOutcome({ ...base, direction: 'incoming', endStatus: 488 })).toBe('failed');
  });
});
