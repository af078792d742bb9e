import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { makeTestPki, type TestPki } from '../sip/transport/generated-certs';
import { exitOf } from './peers/child-output';
import { Kamailio } from './peers/kamailio';
import { cseqMethod, flowOf, type DumpedMessage } from './peers/sip-dump';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(import.meta.dirname, 'peers/kamailio-tls-ua.ts');
const TLS_PORT = 25061;

type UaEvent = Record<string, unknown> & { event: string };

/** Runs the TLS user agents inside `ns` and collects their JSON events. */
async function runAgents(ns: NetNs, scenario: Record<string, unknown>, timeoutMs = 30_000): Promise<{ events: UaEvent[]; stderr: string }> {
  const child = ns.spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(scenario)], { cwd: ROOT });
  const events: UaEvent[] = [];
  let stderr = '';
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as UaEvent);
    } catch {
      events.push({ event: 'text', line });
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exitOf(child);
  clearTimeout(timer);
  return { events, stderr };
}

describe('LiteSIP and Kamailio over TLS (RFC 3261 §26.2, RFC 5922)', () => {
  let dir: string;
  let pki: TestPki;
  let otherCa: TestPki;
  let ns: NetNs;
  let kamailio: Kamailio;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-kamailio-tls-'));
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    pki = makeTestPki(path.join(dir, 'a'));
    otherCa = makeTestPki(path.join(dir, 'b'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    ns = NetNs.create('lsip-ktls');
    kamailio = await Kamailio.start(ns, { tls: { port: TLS_PORT, certPath: pki.server.certPath, keyPath: pki.server.keyPath, caPath: pki.caPath } });
  });

  afterEach(async () => {
    await kamailio?.stop();
    await ns?.destroy();
  });

  it('registers two users over TLS (401 answered) and places a call between them through the proxy (407 answered)', async () => {
    const { events, stderr } = await runAgents(ns, { mode: 'call', proxyPort: TLS_PORT, caPath: pki.caPath, certPath: pki.server.certPath, keyPath: pki.server.keyPath });
    const registered = events.filter((e) => e.event === 'registration' && e.state === 'registered').map((e) => e.user);
    expect(registered, `${JSON.stringify(events)}\n${stderr}\n${kamailio.log}`).toEqual(['alice', 'bob']);
    const call = events.find((e) => e.event === 'call');
    expect(call, JSON.stringify(events)).toMatchObject({ ok: true, status: 200 });
    expect(call?.provisional).toContain(180);
    const ended = events.filter((e) => e.event === 'ended').map((e) => `${String(e.user)}:${String(e.by)}`);
    expect(ended.sort()).toEqual(['alice:local', 'bob:remote']);

    const relevant = (w: DumpedMessage[]): DumpedMessage[] => w.filter((m) => ['REGISTER', 'INVITE', 'ACK', 'BYE'].includes(cseqMethod(m) ?? ''));
    const wire = relevant(await kamailio.waitForWire((w) => relevant(w).some((m) => m.tag === 'snd' && m.status === 200 && cseqMethod(m) === 'BYE')));
    const flow = flowOf(wire);
    // every message went over TLS, the challenges included
    expect(wire.length, flow.join('\n')).toBeGreaterThan(8);
    expect(wire.every((m) => m.proto.startsWith('tls')), wire.map((m) => `${m.proto} ${flowOf([m])[0]}`).join('\n')).toBe(true);
    expect(flow, flow.join('\n')).toContain('snd 401 REGISTER');
    expect(flow, flow.join('\n')).toContain('snd 407 INVITE');
    const forwarded = wire.find((m) => m.tag === 'snd' && m.method === 'INVITE');
    expect(forwarded?.startLine).toMatch(/^INVITE sip:bob@127\.0\.0\.1:\d+;transport=tls SIP\/2\.0$/);
  });

  it('refuses Kamailio when its certificate is not signed by a trusted CA: registration fails, nothing reaches it', async () => {
    const { events } = await runAgents(ns, { mode: 'register', proxyPort: TLS_PORT, caPath: otherCa.caPath, certPath: otherCa.server.certPath, keyPath: otherCa.server.keyPath });
    const status = events.find((e) => e.event === 'registration');
    expect(status, JSON.stringify(events)).toMatchObject({ user: 'alice', state: 'failed' });
    expect(String(status?.reason)).toMatch(/^503 .*certificate/i);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kamailio.wire().filter((m) => cseqMethod(m) === 'REGISTER')).toEqual([]);
  });
});
