import { describe, expect, it } from 'vitest';
import type { BuddyPresence, CallInfo } from '../../shared/ipc';
import { startEngine } from '../im/engines';

describe('the engine shows on-the-phone while the user is in a call (RFC 4480 activities)', () => {
  it('a watcher sees on-the-phone once a call is answered and the chosen state after it ends', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    const carol = await startEngine('carol');

    const asked = bob.next('presence:watcher-request');
    await alice.call('contacts:add', { uri: bob.uri });
    await asked;
    await bob.call('contacts:accept-watcher', { uri: alice.uri });
    const isBob = (status: BuddyPresence['status']) => (p: BuddyPresence) => p.uri === bob.uri && p.subscription === 'active' && p.status === status;
    await alice.next('presence:buddy-changed', isBob('available'));

    const ringing = bob.next('calls:changed', (c) => c.state === 'incoming');
    const dialed = (await carol.call('calls:dial', { target: bob.uri })) as CallInfo;
    const incoming = await ringing;
    // Ringing is not being on the phone yet.
    expect(alice.events.some((e) => e.name === 'presence:buddy-changed' && (e.payload as BuddyPresence).status === 'on-the-phone')).toBe(false);
    await bob.call('calls:answer', { callId: incoming.id });
    await alice.next('presence:buddy-changed', isBob('on-the-phone'));

    await carol.call('calls:hangup', { callId: dialed.id });
    const lastForBob = (): BuddyPresence | undefined =>
      alice.events.filter((e) => e.name === 'presence:buddy-changed' && (e.payload as BuddyPresence).uri === bob.uri).at(-1)?.payload as BuddyPresence | undefined;
    await expect.poll(() => lastForBob()?.status, { timeout: 5000 }).toBe('available');
    // What bob chose is what is kept.
    const mine = (await bob.call('presence:get', undefined)) as { me: { status: string } };
    expect(mine.me.status).toBe('available');
  });
});
