import { afterEach, describe, expect, it } from 'vitest';
import { ClientSubscription, Notifier, readSubscriptionState, type NotifierPackage, type SubscriptionStateValue } from '../../main/presence';
import { parseUri, type SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { VirtualClock } from '../helpers/virtual-clock';

const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

async function ua(user: string): Promise<UserAgent> {
  const a = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user, product: 'test' });
  agents.push(a);
  return a;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function testPackage(init: Partial<NotifierPackage> = {}): NotifierPackage & { version: number } {
  return {
    event: 'x-test',
    bodyTypes: ['text/plain'],
    defaultExpires: 600,
    minExpires: 60,
    maxExpires: 600,
    version: 1,
    authorize: () => ({ state: 'active' }),
    body(this: { version: number }) {
      return { data: `v${this.version}`, contentType: 'text/plain' };
    },
    ...init,
  };
}

interface Heard {
  notifies: { state: SubscriptionStateValue; body: string }[];
  ended: { reason: string; retry: string }[];
}

function subscriber(agent: UserAgent, clock: VirtualClock, target: string, expires = 600, event = 'x-test'): { sub: ClientSubscription; heard: Heard } {
  const heard: Heard = { notifies: [], ended: [] };
  const uri = parseUri(target);
  if (!uri.ok) throw new Error('bad uri');
  const sub = new ClientSubscription(agent, clock, {
    target: uri.value,
    event,
    accept: ['text/plain'],
    expires,
    delegate: {
      notified: (state: SubscriptionStateValue, request: SipRequest) => {
        heard.notifies.push({ state, body: request.body.toString() });
      },
      ended: (why) => heard.ended.push({ reason: why.reason, retry: why.retry }),
    },
  });
  return { sub, heard };
}

describe('RFC 6665 event framework on two user agents', () => {
  it('sends the initial NOTIFY after the 2xx, refreshes before expiry, and unsubscribes with Expires: 0', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    const notifierClock = new VirtualClock();
    const clock = new VirtualClock();
    const notifier = new Notifier(bob, notifierClock);
    const pkg = testPackage();
    notifier.register(pkg);
    const { sub, heard } = subscriber(alice, clock, bob.localUri, 600);
    const response = await sub.start();
    expect(response.status).toBe(200);
    expect(response.getHeader('Expires')).toBe('600');
    await until(() => heard.notifies.length === 1);
    expect(heard.notifies[0]).toEqual({ state: { state: 'active', expires: 600 }, body: 'v1' });
    // RFC 6665 §4.1.2.1: the refresh goes out before the interval ends.
    pkg.version = 2;
    clock.advance(569_000);
    expect(heard.notifies).toHaveLength(1);
    clock.advance(2_000);
    await until(() => heard.notifies.length === 2);
    expect(heard.notifies[1]?.body).toBe('v2');
    await sub.stop();
    await until(() => notifier.list('x-test').length === 0);
    expect(heard.ended).toEqual([]);
  });

  it('ends an unrefreshed subscription with terminated;reason=timeout, and all of them on shutdown with noresource', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    const notifierClock = new VirtualClock();
    const notifier = new Notifier(bob, notifierClock);
    notifier.register(testPackage());
    const first = subscriber(alice, new VirtualClock(), bob.localUri, 120);
    await first.sub.start();
    await until(() => first.heard.notifies.length === 1);
    notifierClock.advance(121_000);
    await until(() => first.heard.ended.length === 1);
    expect(first.heard.notifies.at(-1)?.state).toEqual({ state: 'terminated', reason: 'timeout' });
    expect(first.heard.ended[0]).toEqual({ reason: 'timeout', retry: 'now' });
    const second = subscriber(alice, new VirtualClock(), bob.localUri, 600);
    await second.sub.start();
    await until(() => second.heard.notifies.length === 1);
    await notifier.terminateAll('noresource');
    await until(() => second.heard.ended.length === 1);
    expect(second.heard.ended[0]).toEqual({ reason: 'noresource', retry: 'never' });
  });

  it('keeps a subscription pending without a body until it is authorized', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    const notifier = new Notifier(bob, new VirtualClock());
    notifier.register(testPackage({ authorize: () => ({ state: 'pending' }) }));
    const { sub, heard } = subscriber(alice, new VirtualClock(), bob.localUri);
    await sub.start();
    await until(() => heard.notifies.length === 1);
    expect(heard.notifies[0]).toEqual({ state: { state: 'pending', expires: 600 }, body: '' });
    await notifier.list('x-test')[0]!.setState('active');
    await until(() => heard.notifies.length === 2);
    expect(heard.notifies[1]).toMatchObject({ state: { state: 'active' }, body: 'v1' });
  });

  it('answers 489 for an unknown package, 423 below Min-Expires (and the subscriber retries), 481 for a NOTIFY of no subscription', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    const notifier = new Notifier(bob, new VirtualClock());
    notifier.register(testPackage({ minExpires: 300 }));
    alice.handle('NOTIFY', (_r, tx) => alice.respond(tx, 481));
    const unknown = subscriber(alice, new VirtualClock(), bob.localUri, 600, 'x-other');
    expect((await unknown.sub.start()).status).toBe(489);
    expect(unknown.heard.ended[0]).toMatchObject({ reason: '489 Bad Event', retry: 'never' });
    const short = subscriber(alice, new VirtualClock(), bob.localUri, 100);
    const response = await short.sub.start();
    expect(response.status).toBe(200);
    expect(response.getHeader('Expires')).toBe('300');
    const stray = bob.createRequest('NOTIFY', alice.localUri, { headers: [['Event', 'x-test'], ['Subscription-State', 'active']] });
    stray.setHeader('To', `<${alice.localUri}>;tag=gone`);
    expect((await bob.send(stray)).response.status).toBe(481);
  });

  it('gives up when no NOTIFY follows the 2xx within Timer N (RFC 6665 §4.1.2.4)', async () => {
    const alice = await ua('alice');
    const silent = await ua('silent');
    silent.handle('SUBSCRIBE', (_r, tx) => silent.respond(tx, 200, { contact: true, headers: [['Expires', '600']] }));
    const clock = new VirtualClock();
    const { sub, heard } = subscriber(alice, clock, silent.localUri);
    expect((await sub.start()).status).toBe(200);
    clock.advance(31_999);
    expect(heard.ended).toEqual([]);
    clock.advance(1);
    expect(heard.ended).toEqual([{ reason: 'no NOTIFY within Timer N', retry: 'later' }]);
    expect(sub.active).toBe(false);
  });

  it('reads Subscription-State parameters', async () => {
    const bob = await ua('bob');
    const r = bob.createRequest('NOTIFY', bob.localUri, { headers: [['Subscription-State', 'terminated;reason=probation;retry-after=30']] });
    expect(readSubscriptionState(r)).toEqual({ state: 'terminated', reason: 'probation', retryAfter: 30 });
    const bad = bob.createRequest('NOTIFY', bob.localUri, { headers: [['Subscription-State', 'sleepy']] });
    expect(readSubscriptionState(bad)).toBeUndefined();
  });
});
