/**
 * MESSAGE round trips (RFC 3428) between two engines on 127.0.0.1 over UDP: `chat:send` on one
 * side resolves when the 200 came back, and the other side commits every message to SQLite
 * before its 200 leaves (the sender files its copy too). One message at a time, and 16 in
 * flight. Baseline: two bare user agents, the receiver answering 200 at once with no store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Communicator } from '../main/engine';
import { UserAgent } from '../main/sip/ua';
import type { ChatMessage, ConversationPage } from '../shared/ipc';
import type { BenchRow, BenchTable } from './bench-table';

const RUN_MS = 3000;
const WARMUP = 50;

/** Sends with `inFlight` senders until `RUN_MS` passed; messages per second. */
async function pump(inFlight: number, sendOne: (n: number) => Promise<void>): Promise<{ rate: number; sent: number }> {
  let n = 0;
  const end = performance.now() + RUN_MS;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) await sendOne(n++);
    }),
  );
  return { rate: (n / (performance.now() - start)) * 1000, sent: n };
}

async function bareAgents(inFlight: number): Promise<number> {
  const listen = [{ transport: 'udp' as const, host: '127.0.0.1', port: 0 }];
  const a = await UserAgent.start({ listen, user: 'alice', product: 'bench' });
  const b = await UserAgent.start({ listen, user: 'bob', product: 'bench' });
  try {
    b.handle('MESSAGE', (_request, tx) => b.respond(tx, 200));
    const send = async (n: number): Promise<void> => {
      const { response } = await a.send(a.createRequest('MESSAGE', b.localUri, { body: { data: `message ${n}`, contentType: 'text/plain;charset=UTF-8' } }));
      if (response.status !== 200) throw new Error(`MESSAGE got ${response.status}`);
    };
    for (let i = 0; i < WARMUP; i++) await send(i);
    return (await pump(inFlight, send)).rate;
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

async function engines(inFlight: number): Promise<{ rate: number; stored: boolean }> {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-bench-')));
  const listen = [{ transport: 'udp' as const, host: '127.0.0.1', port: 0 }];
  const alice = new Communicator({ dataDir: dirs[0]!, listen, user: 'alice' });
  const bob = new Communicator({ dataDir: dirs[1]!, listen, user: 'bob' });
  try {
    await Promise.all([alice.start(), bob.start()]);
    const to = `sip:bob@127.0.0.1:${bob.listening()[0]!.port}`;
    const send = async (n: number): Promise<void> => {
      const r = await alice.request('chat:send', { to, body: `message ${n}` });
      if (!r.ok || (r.value as ChatMessage).state !== 'delivered') throw new Error(`chat:send: ${JSON.stringify(r)}`);
    };
    for (let i = 0; i < WARMUP; i++) await send(i);
    const { rate, sent } = await pump(inFlight, send);
    // Every message is on the receiver's disk (the newest page holds the last one sent).
    const from = `sip:alice@127.0.0.1:${alice.listening()[0]!.port}`;
    const page = await bob.request('chat:list', { peer: from, limit: 1 });
    const stored = page.ok && (page.value as ConversationPage).messages[0]?.body.startsWith('message ') === true && sent > 0;
    return { rate, stored };
  } finally {
    await Promise.all([alice.stop(), bob.stop()]);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchTable[]> {
  const rows: BenchRow[] = [];
  for (const inFlight of [1, 16]) {
    rows.push({ name: `bare UAs, no store, ${inFlight} in flight`, value: await bareAgents(inFlight), unit: 'msg/s' });
    const e = await engines(inFlight);
    rows.push({ name: `engines, SQLite commit before 200, ${inFlight} in flight`, value: e.rate, unit: 'msg/s', note: e.stored ? 'stored on the receiver' : 'NOT STORED' });
  }
  return [{ title: 'IM: MESSAGE round trips per second between two engines (UDP, 127.0.0.1)', baseline: 'bare UAs, no store, 1 in flight', rows }];
}
