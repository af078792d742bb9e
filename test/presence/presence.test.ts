import { describe, expect, it } from 'vitest';
import type { BuddyPresence, ChatMessage, WatcherRequest } from '../../shared/ipc';
import { UserAgent } from '../../main/sip/ua';
import { startEngine, stopEngine, type TestEngine } from '../im/engines';

const within = 1000;

function seen(e: TestEngine, uri: string, match: Partial<BuddyPresence>, timeoutMs = within): Promise<BuddyPresence> {
  return e.next('presence:buddy-changed', (p) => p.uri === uri && Object.entries(match).every(([k, v]) => p[k as keyof BuddyPresence] === v), timeoutMs);
}

describe('presence between engines (RFC 3856, PIDF, RPID)', () => {
  it('keeps a new watcher pending until accepted, then shows changes within a second', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    const request = bob.next('presence:watcher-request');
    await alice.call('contacts:add', { uri: bob.uri, displayName: 'Bob' });
    expect(await request).toEqual<WatcherRequest>({ uri: alice.uri, displayName: '' });
    // RFC 3856 §6.6.2: pending, and no state shown.
    await seen(alice, bob.uri, { subscription: 'pending', status: 'offline' });
    expect(await bob.call('contacts:accept-watcher', { uri: alice.uri })).toMatchObject({ authorization: 'allowed', buddy: false });
    await seen(alice, bob.uri, { subscription: 'active', status: 'available' });
    await bob.call('presence:set-status', { status: 'busy', note: 'in a meeting' });
    expect(await seen(alice, bob.uri, { status: 'busy' })).toMatchObject({ note: 'in a meeting' });
    await bob.call('presence:set-status', { status: 'on-the-phone' });
    await seen(alice, bob.uri, { status: 'on-the-phone' });
    await bob.call('presence:set-status', { status: 'away', note: 'lunch' });
    await seen(alice, bob.uri, { status: 'away', note: 'lunch' });
    await bob.call('presence:set-status', { status: 'offline' });
    await seen(alice, bob.uri, { status: 'offline', subscription: 'active' });
  });

  it('blocks politely: a blocked watcher sees offline while an allowed one sees the truth', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    const mallory = await startEngine('mallory');
    await bob.call('contacts:add', { uri: alice.uri });
    await alice.call('contacts:add', { uri: bob.uri });
    await seen(alice, bob.uri, { subscription: 'active', status: 'available' });
    await mallory.call('contacts:add', { uri: bob.uri });
    await bob.next('presence:watcher-request', (r) => r.uri === mallory.uri);
    await bob.call('contacts:block-watcher', { uri: mallory.uri });
    await seen(mallory, bob.uri, { subscription: 'active', status: 'offline' });
    await bob.call('presence:set-status', { status: 'available', note: 'here' });
    await seen(alice, bob.uri, { note: 'here' });
    await new Promise((r) => setTimeout(r, 200));
    expect(mallory.events.filter((e) => e.name === 'presence:buddy-changed').map((e) => (e.payload as BuddyPresence).status)).not.toContain('available');
    const list = (await bob.call('contacts:list')) as { uri: string; authorization: string }[];
    expect(list.find((c) => c.uri === mallory.uri)?.authorization).toBe('blocked');
  });

  it('queues a message for an offline buddy and delivers it when the buddy comes back', async () => {
    const bobPort = 41000 + Math.floor(Math.random() * 8000);
    const alice = await startEngine('alice');
    const bob = await startEngine('bob', { port: bobPort });
    await alice.call('contacts:add', { uri: bob.uri });
    await bob.call('contacts:add', { uri: alice.uri });
    await seen(alice, bob.uri, { status: 'available' });
    const bobData = bob.dataDir;
    await stopEngine(bob);
    // RFC 6665 §4.2.2: shutdown ends the subscription with reason noresource.
    await seen(alice, bob.uri, { status: 'offline', subscription: 'terminated' });
    const queued = (await alice.call('chat:send', { to: bob.uri, body: 'see you later' })) as ChatMessage;
    expect(queued).toMatchObject({ state: 'queued', reason: 'peer is offline' });
    const back = await startEngine('bob', { dataDir: bobData, port: bobPort });
    const got = await back.next('chat:message-received', () => true, 5000);
    expect(got.body).toBe('see you later');
    await alice.next('chat:delivery-changed', (c) => c.id === queued.id && c.state === 'delivered', 2000);
  });

  it('lists, renames and removes contacts; removing one ends both subscriptions', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    await alice.call('contacts:add', { uri: bob.uri, displayName: 'Bob' });
    await bob.call('contacts:add', { uri: alice.uri });
    await seen(alice, bob.uri, { subscription: 'active', status: 'available' });
    await seen(bob, alice.uri, { subscription: 'active', status: 'available' });
    expect(await alice.call('contacts:rename', { uri: bob.uri, displayName: 'Robert' })).toMatchObject({ displayName: 'Robert', buddy: true, authorization: 'allowed' });
    expect(await alice.call('contacts:list')).toEqual([{ uri: bob.uri, displayName: 'Robert', buddy: true, authorization: 'allowed' }]);
    expect(alice.events.some((e) => e.name === 'contacts:changed')).toBe(true);
    expect(await alice.call('contacts:remove', { uri: bob.uri })).toEqual({ removed: true });
    expect(await alice.call('contacts:list')).toEqual([]);
    // Bob's subscription to alice ends (alice no longer knows him); a new one would be pending.
    await seen(bob, alice.uri, { subscription: 'terminated' }, 2000);
    const r = await alice.engine.request('contacts:rename', { uri: 'sip:nobody@127.0.0.1', displayName: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers 489 with Allow-Events for an unknown package and 481 for an unknown subscription', async () => {
    const bob = await startEngine('bob');
    const probe = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'probe', product: 'test' });
    try {
      const r489 = (await probe.send(probe.createRequest('SUBSCRIBE', bob.uri, { headers: [['Event', 'dialog'], ['Expires', '60']] }))).response;
      expect(r489.status).toBe(489);
      expect(r489.getHeader('Allow-Events')).toContain('presence');
      const notify = probe.createRequest('NOTIFY', bob.uri, { headers: [['Event', 'presence'], ['Subscription-State', 'active']] });
      notify.setHeader('To', `<${bob.uri}>;tag=nosuchdialog`);
      expect((await probe.send(notify)).response.status).toBe(481);
      const options = (await probe.send(probe.createRequest('OPTIONS', bob.uri))).response;
      expect(options.getHeader('Allow-Events')).toContain('presence');
      expect(options.getHeader('Allow')).toMatch(/SUBSCRIBE/);
      expect(options.getHeader('Allow')).toMatch(/MESSAGE/);
    } finally {
      await probe.close();
    }
  });
});
