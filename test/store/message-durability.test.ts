import dgram from 'node:dgram';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const BURST = 40;

function message(n: number, to: number, from: number): Buffer {
  const body = Buffer.from(`durable message ${n} ✓`, 'utf8');
  const head = [
    `MESSAGE sip:bob@127.0.0.1:${to} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${from};branch=z9hG4bK-durable-${n};rport`,
    'Max-Forwards: 70',
    `From: <sip:tester@127.0.0.1:${from}>;tag=durable-${n}`,
    `To: <sip:bob@127.0.0.1:${to}>`,
    `Call-ID: durable-${n}@127.0.0.1`,
    'CSeq: 1 MESSAGE',
    'Content-Type: text/plain;charset=UTF-8',
    `Content-Length: ${body.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'utf8'), body]);
}

describe('a MESSAGE answered 200 survives kill -9 (RFC 3428 §7: 200 means delivered)', () => {
  it('every message whose 200 left the engine is in the database after SIGKILL, and the database is sound', async () => {
    const dataDir = tempDir();
    const cli = startCli(['run', '--listen', 'udp:127.0.0.1:0', '--user', 'bob', '--json', '--data', dataDir]);
    const ready = await cli.waitFor('ready', () => true, 20_000);
    const port = (ready.listening as { port: number }[])[0]!.port;

    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const answered = new Set<number>();
    const killed = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        const text = data.toString('utf8');
        const m = /^SIP\/2\.0 200 [^\r]*\r\n[\s\S]*?Call-ID: durable-(\d+)@/im.exec(text);
        if (!m) return;
        // The moment the first 200 is in, the engine dies without any chance to flush.
        if (answered.size === 0) cli.child.kill('SIGKILL');
        answered.add(Number(m[1]));
        resolve();
      });
    });
    for (let n = 0; n < BURST; n++) socket.send(message(n, port, socket.address().port), port, '127.0.0.1');
    await killed;
    await cli.exited;
    // 200s that left before the kill may still be in our socket's queue.
    await new Promise((r) => setTimeout(r, 200));
    socket.close();

    const db = new Database(path.join(dataDir, 'litesip.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = db.prepare("SELECT body FROM messages WHERE direction = 'in'").all() as { body: string }[];
      const bodies = new Set(stored.map((r) => r.body));
      expect(answered.size).toBeGreaterThan(0);
      for (const n of answered) expect(bodies.has(`durable message ${n} ✓`), `message ${n} was answered 200`).toBe(true);
    } finally {
      db.close();
    }
  });
});
