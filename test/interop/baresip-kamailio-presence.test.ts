import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { NetNs } from '../helpers/netns';
import { Baresip } from './baresip-peer';
import { exitOf } from './peers/child-output';
import { Kamailio } from './peers/kamailio';
import { cseqMethod, flowOf, type DumpedMessage } from './peers/sip-dump';
import { removeDir, scratchDir } from './peers/scratch-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/litesip.js');
const ALICE = 'sip:alice@127.0.0.1:25060';
const BOB = 'sip:bob@127.0.0.1:25060';

type Event = Record<string, unknown> & { event?: string; data?: Record<string, unknown> };

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what} not seen within ${timeoutMs} ms; ${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('server mode through Kamailio\'s presence server, with baresip as the buddy', () => {
  let ns: NetNs;
  let kamailio: Kamailio;
  let bob: Baresip;
  let alice: ChildProcess;
  const events: Event[] = [];
  let dataDir: string;

  beforeAll(async () => {
    ns = NetNs.create('lsip-bk');
    kamailio = await Kamailio.start(ns);
    dataDir = scratchDir('alice');
    const store = openStore(dataDir);
    store.contacts.addBuddy(BOB, 'Bob');
    store.close();
    alice = ns.spawn(process.execPath, [CLI, 'run', '--account', ALICE, '--password', 'secret', '--listen', 'udp:127.0.0.1:25080', '--json', '--data', dataDir], { cwd: ROOT });
    readline.createInterface({ input: alice.stdout! }).on('line', (line) => {
      try {
        events.push(JSON.parse(line) as Event);
      } catch {
        events.push({ event: 'text', line });
      }
    });
    await until('ready', () => events.find((e) => e.event === 'ready'), 20_000, () => JSON.stringify(events.slice(-3)));
    bob = await Baresip.start(ns, {
      user: 'bob',
      sipPort: 25090,
      ctrlPort: 25095,
      consPort: 25096,
      account: `<${BOB}>;auth_pass=secret;regint=60;pubint=60`,
      contacts: [`"Alice" <${ALICE}>;presence=p2p`],
    });
  });

  afterAll(async () => {
    if (alice && alice.exitCode === null) {
      alice.kill('SIGTERM');
      await exitOf(alice);
    }
    await bob?.stop();
    await kamailio?.stop();
    await ns?.destroy();
    if (dataDir) removeDir(dataDir);
  });

  it('PUBLISHes our PIDF (407 answered, then 200 with SIP-ETag) and baresip reads it through the server as Online', async () => {
    // baresip publishes too: only alice's PUBLISHes (and the answers to them) count here.
    const ours = (m: DumpedMessage): boolean => cseqMethod(m) === 'PUBLISH' && (m.headers.get('from')?.[0] ?? '').includes('sip:alice@');
    const wire = await kamailio.waitForWire((w) => w.some((m) => ours(m) && m.status === 200), 10_000);
    const publishes = wire.filter(ours);
    expect(flowOf(publishes).slice(0, 4), flowOf(publishes).join('\n')).toEqual(['rcv PUBLISH', 'snd 407 PUBLISH', 'rcv PUBLISH', 'snd 200 PUBLISH']);
    expect(publishes[3]!.headers.get('sip-etag')?.[0]).toBeTruthy();
    const contacts = await until(
      'alice Online at baresip',
      () => {
        const c = bob.command('contacts');
        return /Online.*alice@127\.0\.0\.1:25060/.test(c) ? c : undefined;
      },
      15_000,
      () => bob.log.slice(-2000),
    );
    expect(contacts).toContain('Alice');
  });

  it('subscribes to the buddy through the server and follows what baresip publishes', async () => {
    bob.command('presence_online');
    await until(
      'bob available',
      () => events.find((e) => e.event === 'presence:buddy-changed' && e.data?.uri === BOB && e.data?.status === 'available'),
      20_000,
      () =>
        `${JSON.stringify(events.filter((e) => e.event === 'presence:buddy-changed').slice(-3))}; wire: ${kamailio
          .wire()
          .filter((m) => ['SUBSCRIBE', 'NOTIFY', 'PUBLISH'].includes(cseqMethod(m) ?? ''))
          .map((m) => `${m.tag} ${m.startLine} from ${/sip:(\w+)@/.exec(m.headers.get('from')?.[0] ?? '')?.[1] ?? '?'} ${m.headers.get('subscription-state')?.[0] ?? ''} ${m.headers.get('content-length')?.[0] ?? ''}`)
          .join(' | ')}`,
    );
  });

  it('receives a MESSAGE baresip sends through the server', async () => {
    bob.command('contact_next');
    bob.command('message', 'via-kamailio');
    const got = await until(
      'message',
      () => events.find((e) => e.event === 'chat:message-received' && e.data?.body === 'via-kamailio'),
      10_000,
      () => JSON.stringify(events.slice(-3)),
    );
    expect(got.data).toMatchObject({ peer: BOB, direction: 'in' });
  });

  it('sends a MESSAGE to baresip through the server, answering the 407', async () => {
    const cons = bob.listenCons();
    const cliData = scratchDir('alice-cli');
    try {
      await new Promise((r) => setTimeout(r, 300));
      const out = ns.exec(
        process.execPath,
        [CLI, 'message', BOB, 'through the proxy', '--json', '--account', ALICE, '--password', 'secret', '--listen', 'udp:127.0.0.1:0', '--data', cliData],
        { timeoutMs: 30_000 },
      );
      expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ event: 'message', state: 'delivered' });
      await until('text on cons', () => (cons.lines.some((l) => l.includes('through the proxy')) ? true : undefined), 5000, () => cons.lines.join('\n'));
      const messages = kamailio.wire().filter((m) => cseqMethod(m) === 'MESSAGE');
      expect(flowOf(messages).slice(0, 2)).toEqual(['rcv MESSAGE', 'snd 407 MESSAGE']);
    } finally {
      cons.stop();
      removeDir(cliData);
    }
  });
});
