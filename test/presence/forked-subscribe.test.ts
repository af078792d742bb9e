import { afterEach, describe, expect, it } from 'vitest';
import { ClientSubscription, Notifier, type SubscriptionStateValue } from '../../main/presence';
import { Dialog } from '../../main/sip/dialog';
import { parseUri } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { VirtualClock } from '../helpers/virtual-clock';
import { ForkingProxy } from './forking-proxy';

const agents: UserAgent[] = [];
const proxies: ForkingProxy[] = [];
afterEach(async () => {
  await Promise.all([...agents.splice(0).map((a) => a.close()), ...proxies.splice(0).map((p) => p.close())]);
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

/** A notifier whose body names the device. */
async function device(name: string): Promise<{ agent: UserAgent; notifier: Notifier }> {
  const agent = await ua('bob');
  const notifier = new Notifier(agent, new VirtualClock());
  notifier.register({
    event: 'x-test',
    bodyTypes: ['text/plain'],
    defaultExpires: 600,
    minExpires: 60,
    maxExpires: 600,
    authorize: () => ({ state: 'active' }),
    body: () => ({ data: name, contentType: 'text/plain' }),
  });
  return { agent, notifier };
}

interface Heard {
  notifies: { fork: string; state: SubscriptionStateValue; body: string }[];
  forkEnded: string[];
  ended: string[];
}

function subscriber(agent: UserAgent, clock: VirtualClock, target: string): { sub: ClientSubscription; heard: Heard } {
  const heard: Heard = { notifies: [], forkEnded: [], ended: [] };
  const uri = parseUri(target);
  if (!uri.ok) throw new Error('bad uri');
  const sub = new ClientSubscription(agent, clock, {
    target: uri.value,
    event: 'x-test',
    accept: ['text/plain'],
    expires: 600,
    delegate: {
      notified: (state, request, fork) => void heard.notifies.push({ fork, state, body: request.body.toString() }),
      forkEnded: (fork, why) => void heard.forkEnded.push(`${fork} ${why.reason}`),
      ended: (why) => void heard.ended.push(why.reason),
    },
  });
  return { sub, heard };
}

describe('a forked SUBSCRIBE (RFC 6665 §4.1.2.4, §5.4.9)', () => {
  it('installs one subscription per notifier, refreshes and ends each on its own, and unsubscribes all', async () => {
    const alice = await ua('alice');
    const one = await device('one');
    const two = await device('two');
    const proxy = await ForkingProxy.start(() => [one.agent.listening[0]!, two.agent.listening[0]!].map((l) => ({ host: l.host, port: l.port })));
    proxies.push(proxy);
    const clock = new VirtualClock();
    const { sub, heard } = subscriber(alice, clock, `sip:bob@127.0.0.1:${proxy.port}`);
    expect((await sub.start()).status).toBe(200);
    // Only one 2xx passes the proxy; the other notifier shows up with its NOTIFY (another To tag).
    await until(() => heard.notifies.length === 2);
    expect(new Set(heard.notifies.map((n) => n.body))).toEqual(new Set(['one', 'two']));
    const tags = heard.notifies.map((n) => n.fork);
    expect(new Set(tags).size).toBe(2);
    expect(sub.forkTags.sort()).toEqual([...tags].sort());
    expect(one.notifier.list('x-test')).toHaveLength(1);
    expect(two.notifier.list('x-test')).toHaveLength(1);
    expect(proxy.forwardedRequests).toEqual(['SUBSCRIBE']);

    // RFC 6665 §4.1.2.1: each subscription is refreshed in its own dialog, straight to its notifier.
    // (A refresh is answered with a NOTIFY, RFC 6665 §4.1.2.2.)
    clock.advance(571_000);
    await until(() => heard.notifies.length === 4);
    expect(tags.map((t) => heard.notifies.filter((n) => n.fork === t).length)).toEqual([2, 2]);
    expect(proxy.forwardedRequests).toEqual(['SUBSCRIBE']);

    // One notifier ends its subscription: the other carries on.
    const tagOne = heard.notifies.find((n) => n.body === 'one')!.fork;
    await one.notifier.terminateAll('noresource');
    await until(() => heard.forkEnded.length === 1);
    expect(heard.forkEnded).toEqual([`${tagOne} noresource`]);
    expect(heard.ended).toEqual([]);
    expect(sub.active).toBe(true);
    expect(sub.forkTags).toHaveLength(1);

    // A late NOTIFY in the ended dialog finds no subscription.
    const late = one.agent.createRequest('NOTIFY', alice.localUri, { headers: [['Event', 'x-test'], ['Subscription-State', 'active;expires=60']] });
    late.setHeader('Call-ID', (await firstDialog(two)).id.callId);
    late.setHeader('From', `<sip:bob@127.0.0.1>;tag=${tagOne}`);
    late.setHeader('To', `<${alice.localUri}>;tag=${(await firstDialog(two)).id.remoteTag}`);
    expect((await one.agent.send(late)).response.status).toBe(481);

    // RFC 6665 §4.1.2.3: unsubscribing reaches the remaining notifier in its dialog.
    await sub.stop();
    await until(() => two.notifier.list('x-test').length === 0);
    expect(heard.ended).toEqual([]);
  });

  it('ends when the last fork ends, with that fork\'s reason', async () => {
    const alice = await ua('alice');
    const one = await device('one');
    const two = await device('two');
    const proxy = await ForkingProxy.start(() => [one.agent.listening[0]!, two.agent.listening[0]!].map((l) => ({ host: l.host, port: l.port })));
    proxies.push(proxy);
    const { sub, heard } = subscriber(alice, new VirtualClock(), `sip:bob@127.0.0.1:${proxy.port}`);
    await sub.start();
    await until(() => sub.forkTags.length === 2);
    await one.notifier.terminateAll('deactivated');
    await until(() => heard.forkEnded.length === 1);
    await two.notifier.terminateAll('noresource');
    await until(() => heard.ended.length === 1);
    expect(heard.ended).toEqual(['noresource']);
    expect(sub.active).toBe(false);
  });

  it('keeps each fork on the route its notifier recorded: NOTIFYs and refreshes pass the record-routing proxy', async () => {
    const alice = await ua('alice');
    const one = await device('one');
    const two = await device('two');
    const proxy = await ForkingProxy.start(() => [one.agent.listening[0]!, two.agent.listening[0]!].map((l) => ({ host: l.host, port: l.port })), { recordRoute: true });
    proxies.push(proxy);
    const clock = new VirtualClock();
    const { sub, heard } = subscriber(alice, clock, `sip:bob@127.0.0.1:${proxy.port}`);
    expect((await sub.start()).status).toBe(200);
    await until(() => heard.notifies.length === 2);
    expect(sub.forkTags).toHaveLength(2);
    // RFC 6665 §4.1.2.4: the dialog a NOTIFY creates takes the NOTIFY's Record-Route as its route set.
    clock.advance(571_000);
    await until(() => heard.notifies.length === 4);
    expect([...proxy.forwardedRequests].sort()).toEqual(['NOTIFY', 'NOTIFY', 'NOTIFY', 'NOTIFY', 'SUBSCRIBE', 'SUBSCRIBE', 'SUBSCRIBE']);
    await sub.stop();
    await until(() => one.notifier.list('x-test').length === 0 && two.notifier.list('x-test').length === 0);
    expect(proxy.forwardedRequests.filter((m) => m === 'SUBSCRIBE')).toHaveLength(5);
  });

  it('takes a NOTIFY that overtakes the 2xx, and keeps one subscription when the 2xx follows', async () => {
    const alice = await ua('alice');
    const eager = await ua('eager');
    let notifyStatus = 0;
    eager.handle('SUBSCRIBE', (request, tx) => {
      const dialog = Dialog.asUas(request, eager.toTagFor(tx));
      const notify = dialog.createRequest('NOTIFY', {
        headers: [['Event', 'x-test'], ['Subscription-State', 'active;expires=600']],
        contact: eager.contact('udp', '127.0.0.1'),
        body: { data: 'early', contentType: 'text/plain' },
      });
      void eager.send(notify).then(({ response }) => {
        notifyStatus = response.status;
        eager.respond(tx, 200, { contact: true, headers: [['Expires', '600']] });
      });
    });
    const { sub, heard } = subscriber(alice, new VirtualClock(), eager.localUri);
    expect((await sub.start()).status).toBe(200);
    expect(notifyStatus).toBe(200);
    expect(heard.notifies.map((n) => n.body)).toEqual(['early']);
    expect(sub.forkTags).toHaveLength(1);
  });
});

describe('a NOTIFY outside any known dialog', () => {
  it('without Contact is refused with 400 and installs nothing; one for a package we did not ask for gets 489', async () => {
    const alice = await ua('alice');
    const odd = await ua('odd');
    const answers: number[] = [];
    odd.handle('SUBSCRIBE', (request, tx) => {
      const dialog = Dialog.asUas(request, odd.toTagFor(tx));
      const notify = (headers: [string, string][], contact?: string): Promise<void> =>
        odd.send(dialog.createRequest('NOTIFY', { headers, ...(contact ? { contact } : {}) })).then(({ response }) => void answers.push(response.status));
      void notify([['Event', 'x-test'], ['Subscription-State', 'active']])
        .then(() => notify([['Event', 'x-other'], ['Subscription-State', 'active']], odd.contact('udp', '127.0.0.1')))
        .then(() => odd.respond(tx, 200, { contact: true, headers: [['Expires', '600']] }));
    });
    const { sub, heard } = subscriber(alice, new VirtualClock(), odd.localUri);
    expect((await sub.start()).status).toBe(200);
    expect(answers).toEqual([400, 489]);
    expect(heard.notifies).toEqual([]);
    // The 2xx made the one dialog.
    expect(sub.forkTags).toHaveLength(1);
  });
});

async function firstDialog(d: { notifier: Notifier }): Promise<Dialog> {
  await until(() => d.notifier.list('x-test').length > 0);
  return d.notifier.list('x-test')[0]!.dialog;
}
