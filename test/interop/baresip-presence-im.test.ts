import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { NetNs } from '../helpers/netns';
import { Baresip } from './baresip-peer';
import { exitOf } from './peers/child-output';
import { removeDir, scratchDir } from './peers/scratch-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/litesip.js');
const ALICE = 'sip:alice@127.0.0.1:25080';
const BOB = 'sip:bob@127.0.0.1:25090';

type Event = Record<string, unknown> & { event?: string; data?: Record<string, unknown> };

/** `litesip run` inside the namespace with a data folder that already lists bob as a buddy. */
class RunningLiteSip {
  readonly events: Event[] = [];
  constructor(readonly child: ChildProcess) {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as Event);
      } catch {
        this.events.push({ event: 'text', line });
      }
    });
  }

  async waitFor(name: string, match: (data: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Event> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const e = this.events.find((x) => x.event === name && match(x.data ?? {}));
      if (e) return e;
      if (Date.now() > end) throw new Error(`no ${name} within ${timeoutMs} ms; events: ${JSON.stringify(this.events.slice(-6))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('LiteSIP and baresip, peer to peer (presence and MESSAGE both ways)', () => {
  let ns: NetNs;
  let bob: Baresip;
  let alice: RunningLiteSip;
  let dataDir: string;

  beforeAll(async () => {
    ns = NetNs.create('lsip-bs');
    dataDir = scratchDir('alice');
    const store = openStore(dataDir);
    store.contacts.addBuddy(BOB, 'Bob');
    store.close();
    bob = await Baresip.start(ns, { user: 'bob', sipPort: 25090, ctrlPort: 25095, consPort: 25096, contacts: [`"Alice" <${ALICE}>;presence=p2p`] });
    alice = new RunningLiteSip(ns.spawn(process.execPath, [CLI, 'run', '--listen', 'udp:127.0.0.1:25080', '--user', 'alice', '--json', '--data', dataDir], { cwd: ROOT }));
    await alice.waitFor('ready', () => true, 20_000);
  });

  afterAll(async () => {
    if (alice && alice.child.exitCode === null) {
      alice.child.kill('SIGTERM');
      await exitOf(alice.child);
    }
    await bob?.stop();
    await ns?.destroy();
    if (dataDir) removeDir(dataDir);
  });

  it('baresip subscribes to us and sees LiteSIP online (PIDF we generate)', async () => {
    const deadline = Date.now() + 10_000;
    let contacts = '';
    while (Date.now() < deadline) {
      contacts = bob.command('contacts');
      if (/Online.*alice@127\.0\.0\.1:25080/.test(contacts)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(contacts).toMatch(/Online.*alice@127\.0\.0\.1:25080/);
  });

  it('LiteSIP subscribes to baresip and follows presence_online / presence_offline (PIDF baresip generates)', async () => {
    await alice.waitFor('presence:buddy-changed', (d) => d.uri === BOB && d.subscription === 'active', 10_000);
    bob.command('presence_online');
    await alice.waitFor('presence:buddy-changed', (d) => d.uri === BOB && d.status === 'available', 5000);
    const before = alice.events.length;
    bob.command('presence_offline');
    const deadline = Date.now() + 5000;
    while (!alice.events.slice(before).some((e) => e.event === 'presence:buddy-changed' && e.data?.status === 'offline')) {
      if (Date.now() > deadline) throw new Error(`no offline change; events: ${JSON.stringify(alice.events.slice(-4))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('sends a MESSAGE to baresip (exit 0, text on its console) and receives one from it', async () => {
    const cons = bob.listenCons();
    const carolData = scratchDir('carol');
    try {
      await new Promise((r) => setTimeout(r, 300));
      const out = ns.exec(process.execPath, [CLI, 'message', BOB, 'héllo bob', '--json', '--listen', 'udp:127.0.0.1:0', '--user', 'carol', '--data', carolData], {
        timeoutMs: 30_000,
      });
      expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ event: 'message', state: 'delivered' });
      const deadline = Date.now() + 5000;
      while (!cons.lines.some((l) => l.includes('héllo bob')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(cons.lines.join('\n')).toContain('"héllo bob"');
    } finally {
      cons.stop();
      removeDir(carolData);
    }
    expect(bob.command('contact_next')).toContain('alice@127.0.0.1:25080');
    bob.command('message', 'hello-from-bob');
    const got = await alice.waitFor('chat:message-received', (d) => d.body === 'hello-from-bob', 5000);
    expect(got.data).toMatchObject({ peer: BOB, direction: 'in', contentType: 'text/plain' });
  });

  it('on shutdown LiteSIP ends baresip\'s subscription (noresource) within the stop budget', async () => {
    const started = Date.now();
    alice.child.kill('SIGTERM');
    expect(await exitOf(alice.child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(2500);
    await bob.waitForOutput(/noresource/, 5000);
  });
});
