import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../../main/engine';
import type { CallInfo, HistoryPage, SettingsPatch } from '../../../shared/ipc';
import { defaultForwardingSettings } from '../../../shared/ipc';
import { startEngine, waitCall } from '../../helpers/engines';

async function value<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

async function configure(e: Communicator, patch: SettingsPatch): Promise<void> {
  await value(e.request('settings:update', patch));
}

const id = (e: Communicator): string => e.status().identity;

describe('call forwarding by redirection (RFC 5638 §3.1)', () => {
  it('unconditional: bob answers 302, alice follows it and the call lands at carol, who sees it came through bob', async () => {
    const bob = await startEngine('bob');
    const carol = await startEngine('carol', { autoAnswerSeconds: 0 });
    const alice = await startEngine('alice');
    await configure(bob, { forwarding: { ...defaultForwardingSettings, always: id(carol) } });
    const bobRang: CallInfo[] = [];
    bob.events.on('calls:changed', (c) => bobRang.push(c));
    const atCarol = waitCall(carol, (c) => c.state === 'connected');
    const connected = waitCall(alice, (c) => c.state === 'connected');
    await value(alice.request('calls:dial', { target: id(bob) }));
    const call = await connected;
    expect(call.peer).toBe(id(carol));
    expect(call.forwardedFrom).toBe(id(bob));
    const carolsCall = await atCarol;
    expect(carolsCall.peer).toBe(id(alice));
    expect(carolsCall.forwardedFrom).toBe(id(bob));
    // A redirect, not a proxy: bob never had a call of his own, but his history says what happened.
    expect(bobRang).toEqual([]);
    const history = await value<HistoryPage>(bob.request('history:list', undefined));
    expect(history.entries).toMatchObject([{ direction: 'incoming', peer: id(alice), outcome: 'forwarded', sipStatus: 302, endReason: `forwarded to ${id(carol)}` }]);
    const ended = waitCall(carol, (c) => c.state === 'ended');
    await value(alice.request('calls:hangup', { callId: call.id }));
    await ended;
  });

  it('on no answer: bob rings, then redirects after N seconds; on busy: bob at his limit redirects at once', async () => {
    const bob = await startEngine('bob', { maxCalls: 1 });
    const carol = await startEngine('carol', { autoAnswerSeconds: 0 });
    const alice = await startEngine('alice');
    const dave = await startEngine('dave');
    await configure(bob, { forwarding: { ...defaultForwardingSettings, noAnswer: id(carol), busy: id(carol), noAnswerSeconds: 1 } });

    const rang = waitCall(alice, (c) => c.state === 'ringing');
    const bobEnded = waitCall(bob, (c) => c.state === 'ended');
    const connected = waitCall(alice, (c) => c.state === 'connected');
    const started = Date.now();
    await value(alice.request('calls:dial', { target: id(bob) }));
    await rang;
    const call = await connected;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(call.peer).toBe(id(carol));
    expect(call.forwardedFrom).toBe(id(bob));
    const ended = await bobEnded;
    expect(ended.endStatus).toBe(302);
    expect(ended.endReason).toMatch(/forwarded to/);

    // Dave's call rings at bob and fills his one line; alice's next call is forwarded on busy.
    const bobIncoming = waitCall(bob, (c) => c.state === 'incoming');
    await value(dave.request('calls:dial', { target: id(bob) }));
    await bobIncoming;
    const second = waitCall(carol, (c) => c.state === 'connected' && c.peer === id(alice) && c.id !== call.id, 8000);
    const aliceSecond = waitCall(alice, (c) => c.state === 'connected' && c.id !== call.id);
    const bobSaw: CallInfo[] = [];
    bob.events.on('calls:changed', (c) => {
      if (c.peer === id(alice)) bobSaw.push(c);
    });
    await value(alice.request('calls:dial', { target: id(bob) }));
    const forwarded = await aliceSecond;
    // Redirected at once: nothing of it rang at bob.
    expect(bobSaw).toEqual([]);
    expect(forwarded.peer).toBe(id(carol));
    expect((await second).forwardedFrom).toBe(id(bob));
  });

  it('a redirection loop ends the call with a reason instead of going round', async () => {
    const bob = await startEngine('bob');
    const carol = await startEngine('carol');
    const alice = await startEngine('alice');
    await configure(bob, { forwarding: { ...defaultForwardingSettings, always: id(carol) } });
    await configure(carol, { forwarding: { ...defaultForwardingSettings, always: id(bob) } });
    const ended = waitCall(alice, (c) => c.state === 'ended');
    await value(alice.request('calls:dial', { target: id(bob) }));
    const call = await ended;
    expect(call.endStatus).toBe(302);
    expect(call.endReason).toMatch(/loop/);
  });
});

describe('do not disturb', () => {
  it('answers 486 Busy Here without ringing', async () => {
    const bob = await startEngine('bob');
    const alice = await startEngine('alice');
    await configure(bob, { dnd: { enabled: true, action: 'busy' } });
    const seen: CallInfo[] = [];
    bob.events.on('calls:changed', (c) => seen.push(c));
    const ended = waitCall(alice, (c) => c.state === 'ended');
    await value(alice.request('calls:dial', { target: id(bob) }));
    const call = await ended;
    expect(call.endStatus).toBe(486);
    expect(seen).toEqual([]);
    const history = await value<HistoryPage>(bob.request('history:list', undefined));
    expect(history.entries).toMatchObject([{ peer: id(alice), outcome: 'missed', sipStatus: 486, endReason: 'do not disturb' }]);
    await configure(bob, { dnd: { enabled: false, action: 'busy' } });
    const ringing = waitCall(bob, (c) => c.state === 'incoming');
    await value(alice.request('calls:dial', { target: id(bob) }));
    expect((await ringing).peer).toBe(id(alice));
  });
});

describe('per-account rules', () => {
  it("an account's own do-not-disturb refuses calls to it while other addresses still ring", async () => {
    const bob = await startEngine('bob');
    const alice = await startEngine('alice');
    await configure(bob, { accountServices: { [id(bob)]: { dnd: { enabled: true, action: 'busy' } } } });
    const ended = waitCall(alice, (c) => c.state === 'ended');
    await value(alice.request('calls:dial', { target: id(bob) }));
    expect((await ended).endStatus).toBe(486);
    const sales = id(bob).replace('sip:bob@', 'sip:sales@');
    const ringing = waitCall(bob, (c) => c.state === 'incoming');
    await value(alice.request('calls:dial', { target: sales }));
    expect((await ringing).peer).toBe(id(alice));
    const refused = await bob.request('settings:update', { accountServices: { 'not an address': {} } });
    expect(refused.ok).toBe(false);
  });
});

