import { afterEach, describe, expect, it } from 'vitest';
import type { BuddyPresence } from '../../shared/ipc';
import { startEngine, stopEngine, type TestEngine } from '../im/engines';
import { ForkingProxy } from './forking-proxy';

const proxies: ForkingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

function seen(e: TestEngine, uri: string, match: Partial<BuddyPresence>, timeoutMs = 3000): Promise<BuddyPresence> {
  return e.next('presence:buddy-changed', (p) => p.uri === uri && Object.entries(match).every(([k, v]) => p[k as keyof BuddyPresence] === v), timeoutMs);
}

/** Runs `action`, then resolves once `e` reports `uri` as `match` (in an event after the action began). */
async function shows(e: TestEngine, action: () => Promise<unknown>, uri: string, match: Partial<BuddyPresence>): Promise<void> {
  const from = e.events.length;
  await action();
  const fits = (p: BuddyPresence): boolean => p.uri === uri && Object.entries(match).every(([k, v]) => p[k as keyof BuddyPresence] === v);
  const end = Date.now() + 3000;
  while (!e.events.slice(from).some((x) => x.name === 'presence:buddy-changed' && fits(x.payload as BuddyPresence))) {
    if (Date.now() > end) throw new Error(`not shown: ${JSON.stringify(match)}; saw ${JSON.stringify(e.events.slice(from).map((x) => x.payload))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('presence of a buddy on two devices behind a forking proxy (RFC 3856 §6.9)', () => {
  it('merges the devices: open when any is open, the latest news among open ones, and survives one going away', async () => {
    const alice = await startEngine('alice');
    const desk = await startEngine('bob');
    const phone = await startEngine('bob');
    const port = (e: TestEngine): number => e.engine.listening()[0]!.port;
    const proxy = await ForkingProxy.start(() => [desk, phone].filter((e) => e.engine.listening().length > 0).map((e) => ({ host: '127.0.0.1', port: port(e) })));
    proxies.push(proxy);
    const bob = `sip:bob@127.0.0.1:${proxy.port}`;

    const asked = [desk.next('presence:watcher-request'), phone.next('presence:watcher-request')];
    await alice.call('contacts:add', { uri: bob });
    await Promise.all(asked);
    await seen(alice, bob, { subscription: 'pending' });

    // One device accepts: its state shows although the other is still pending.
    await desk.call('contacts:accept-watcher', { uri: alice.uri });
    await seen(alice, bob, { subscription: 'active', status: 'available' });
    await desk.call('presence:set-status', { status: 'offline' });
    await seen(alice, bob, { subscription: 'active', status: 'offline' });

    // The phone accepts and is open: any open device makes the buddy open.
    await shows(alice, () => phone.call('contacts:accept-watcher', { uri: alice.uri }), bob, { status: 'available' });
    await shows(alice, () => phone.call('presence:set-status', { status: 'busy', note: 'on the road' }), bob, { status: 'busy', note: 'on the road' });
    // The most recent news among open devices wins.
    await shows(alice, () => desk.call('presence:set-status', { status: 'available', note: 'at my desk' }), bob, { status: 'available', note: 'at my desk' });
    // A closed device does not hide an open one.
    await shows(alice, () => desk.call('presence:set-status', { status: 'offline' }), bob, { status: 'busy', note: 'on the road' });

    // The desk shuts down (NOTIFY terminated, noresource): the phone's subscription carries on.
    await shows(alice, () => desk.call('presence:set-status', { status: 'away', note: 'lunch' }), bob, { status: 'away', note: 'lunch' });
    await shows(alice, () => stopEngine(desk), bob, { status: 'busy', note: 'on the road', subscription: 'active' });
    await shows(alice, () => phone.call('presence:set-status', { status: 'available', note: 'back' }), bob, { status: 'available', note: 'back', subscription: 'active' });
    expect(proxy.forwardedRequests).toEqual(['SUBSCRIBE']);

    // The last device goes: the buddy is offline and the subscription over.
    await stopEngine(phone);
    await seen(alice, bob, { status: 'offline', subscription: 'terminated' });
  });
});
