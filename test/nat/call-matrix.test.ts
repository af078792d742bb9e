import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dominantFrequency, readWavFile, toneDbfs } from '../../main/media/audio';
import type { MediaCandidatePair, MediaPathInfo } from '../../shared/ipc';
import { LiteSip, registrationsOf, type CliEvent } from '../interop/peers/litesip';
import { NatLab, type NatLabSideOptions } from './lab/nat-lab';
import type { NatBehaviour } from './lab/lab-plan';

/** How a side reaches the servers: SIP transport, and TURN over UDP, TCP or not at all. */
interface SideSetup extends NatLabSideOptions {
  sip: 'udp' | 'tcp';
  turn: 'udp' | 'tcp' | 'none';
}

interface Row {
  name: string;
  A: SideSetup;
  B: SideSetup;
  /** Call length once connected, s. */
  seconds: number;
}

interface RowResult {
  alicePaths: MediaPathInfo[];
  bobPaths: MediaPathInfo[];
  /** What each side recorded (48 kHz mono), or undefined when no file was written. */
  aliceHeard: Int16Array | undefined;
  bobHeard: Int16Array | undefined;
  aliceExit: number | string;
  log: string;
}

const ALICE_TONE = 440;
const BOB_TONE = 1000;
const KINDS: NatBehaviour[] = ['none', 'cone', 'symmetric'];

const side = (nat: NatBehaviour, more: Partial<SideSetup> = {}): SideSetup => ({ nat, sip: 'udp', turn: 'udp', ...more });

const ROWS: Row[] = [
  ...KINDS.flatMap((a) => KINDS.map((b) => ({ name: `${a} × ${b}`, A: side(a), B: side(b), seconds: Number(process.env.LAB_SECONDS ?? 4) }))),
  // UDP from A to the public side is dropped: SIP over TCP, media through TURN over TCP
  { name: 'cone with UDP blocked (TURN over TCP) × cone', A: side('cone', { blockUdp: true, sip: 'tcp', turn: 'tcp' }), B: side('cone'), seconds: 4 },
  // the same without TURN: no path at all, and the call says why
  { name: 'cone with UDP blocked, no TURN × cone', A: side('cone', { blockUdp: true, sip: 'tcp', turn: 'none' }), B: side('cone', { turn: 'none' }), seconds: 7 },
];

/** At most this many labs at once: each runs two LiteSIPs, coturn and kamailio on a 2-core machine. */
const PARALLEL = 3;
let running = 0;
const queue: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-natcalls-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function natFlags(lab: NatLab, s: SideSetup): string[] {
  const t = lab.turn;
  const flags: string[] = [];
  // with UDP blocked a STUN server cannot answer; gathering would only wait for it
  if (!s.blockUdp) flags.push('--stun', `${t.address}:${t.port}`);
  if (s.turn !== 'none') flags.push('--turn', `turn:${t.address}:${t.port}${s.turn === 'tcp' ? '?transport=tcp' : ''}`, '--turn-user', t.username, '--turn-password', t.password);
  return flags;
}

function paths(events: CliEvent[]): MediaPathInfo[] {
  return events.filter((e) => e.event === 'calls:media-path').map((e) => e.data as MediaPathInfo);
}

function lastPair(list: MediaPathInfo[]): MediaCandidatePair | undefined {
  return list.filter((p) => p.candidatePair).at(-1)?.candidatePair;
}

function recording(file: string | undefined): Int16Array | undefined {
  if (!file || !fs.existsSync(file)) return undefined;
  return readWavFile(file).samples;
}

/** How many 100 ms pieces of a recording carry `frequency` as their dominant tone, at a speaking level. */
function tonePieces(samples: Int16Array, frequency: number): number {
  let count = 0;
  for (let i = 0; i + 4800 <= samples.length; i += 4800) {
    const piece = samples.subarray(i, i + 4800);
    if (Math.abs(dominantFrequency(piece, 48_000) - frequency) < 20 && toneDbfs(piece, 48_000, frequency) > -25) count++;
  }
  return count;
}

/** At least half a second of the peer's tone came through (the call lasts a few seconds, ICE takes some of it). */
function expectTone(samples: Int16Array | undefined, frequency: number, who: string): void {
  expect(samples, `${who} wrote no recording`).toBeDefined();
  expect(tonePieces(samples!, frequency), `100 ms pieces of ${frequency} Hz that ${who} heard`).toBeGreaterThanOrEqual(5);
}

async function runCaller(lab: NatLab, dir: string, args: string[], timeoutMs: number): Promise<{ code: number | string; events: CliEvent[]; stderr: string }> {
  const cli = LiteSip.start(lab.hostA, args);
  if (process.env.LAB_DEBUG) cli.child.stderr?.on('data', (d: Buffer) => fs.appendFileSync(path.join(process.env.LAB_DEBUG!, 'alice.log'), d));
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  const code = await cli.exited;
  clearTimeout(timer);
  return { code, events: cli.events, stderr: cli.stderr };
}

async function runRow(row: Row): Promise<RowResult> {
  const lab = await NatLab.create({ A: row.A, B: row.B, registrarUsers: ['alice', 'bob'] });
  const dir = fs.mkdtempSync(path.join(scratch, 'row-'));
  let bob: LiteSip | undefined;
  try {
    const reg = lab.registrar;
    const proxy = (s: SideSetup): string => `sip:${reg.address}:${reg.port};transport=${s.sip}`;
    const bobDir = path.join(dir, 'bob');
    bob = LiteSip.start(lab.hostB, [
      'run', '--auto-answer', '0', '--account', `sip:bob@${reg.domain}`, '--password', 'secret', '--proxy', proxy(row.B),
      '--listen', `${row.B.sip}:0.0.0.0:5060`, '--play', `tone:${BOB_TONE}`, '--record', bobDir, ...natFlags(lab, row.B),
    ]);
    if (process.env.LAB_DEBUG) bob.child.stderr?.on('data', (d: Buffer) => fs.appendFileSync(path.join(process.env.LAB_DEBUG!, 'bob.log'), d));
    await bob.waitFor('app:status', (e) => registrationsOf(e).some((r) => r.state === 'registered'), 30_000);
    const aliceFile = path.join(dir, 'alice.wav');
    const alice = await runCaller(lab, dir, [
      'call', `sip:bob@${reg.domain}`, '--duration', String(row.seconds), '--account', `sip:alice@${reg.domain}`, '--password', 'secret',
      '--proxy', proxy(row.A), '--listen', `${row.A.sip}:0.0.0.0:5070`, '--play', `tone:${ALICE_TONE}`, '--record', aliceFile, ...natFlags(lab, row.A),
    ], 60_000);
    // bob's recording is complete once his side of the call ended
    await bob.waitFor('calls:changed', (e) => (e.data as { state?: string }).state === 'ended', 10_000).catch(() => undefined);
    await bob.stop();
    const bobFile = fs.existsSync(bobDir) ? fs.readdirSync(bobDir).map((f) => path.join(bobDir, f))[0] : undefined;
    return {
      alicePaths: paths(alice.events),
      bobPaths: paths(bob.events),
      aliceHeard: recording(aliceFile),
      bobHeard: recording(bobFile),
      aliceExit: alice.code,
      log: `alice stderr: ${alice.stderr}\nalice events: ${JSON.stringify(alice.events.slice(-8))}\nbob stderr: ${bob.stderr}\nkamailio: ${lab.registrarLog.slice(-3000)}\ncoturn: ${lab.turnLog.slice(-6000)}`,
    };
  } finally {
    await bob?.stop('SIGKILL');
    await lab.destroy();
  }
}

const results = new Map<string, Promise<RowResult>>();
function result(row: Row): Promise<RowResult> {
  let r = results.get(row.name);
  if (!r) {
    r = slot(() => runRow(row));
    results.set(row.name, r);
  }
  return r;
}

describe.concurrent('NAT lab: LiteSIP calls LiteSIP through kamailio, each behind its own NAT (RFC 8445, RFC 8656)', () => {
  for (const row of ROWS.slice(0, 10)) {
    it(`${row.name}: a tone each way, and the candidate pair that carried it`, async () => {
      const r = await result(row);
      expect(r.aliceExit, r.log).toBe(0);
      const a = lastPair(r.alicePaths);
      const b = lastPair(r.bobPaths);
      console.info(`[${row.name}] alice ${a?.localType} ${a?.local} ⇄ ${a?.remoteType} ${a?.remote}${a?.relayTransport ? ` (TURN over ${a.relayTransport})` : ''}; bob ${b?.localType} ${b?.local} ⇄ ${b?.remoteType} ${b?.remote}`);
      expect(a, r.log).toBeDefined();
      expect(b, r.log).toBeDefined();
      expectTone(r.aliceHeard, BOB_TONE, 'alice');
      expectTone(r.bobHeard, ALICE_TONE, 'bob');
      const relayed = a!.localType === 'relay' || a!.remoteType === 'relay';
      // two address-dependent mappings never meet directly: only a relay gets through (RFC 8445 §2.2)
      if (row.A.nat === 'symmetric' && row.B.nat === 'symmetric') expect(relayed).toBe(true);
      if (row.A.blockUdp) expect(a).toMatchObject({ localType: 'relay', relayTransport: 'tcp' });
      // RFC 8445 §5.1.2.1: where a direct path exists (no symmetric NAT on either side) the relay is not used
      if (!row.A.blockUdp && row.A.nat !== 'symmetric' && row.B.nat !== 'symmetric') expect(relayed || b!.localType === 'relay' || b!.remoteType === 'relay').toBe(false);
    });
  }

  const broken = ROWS[10]!;
  it(`${broken.name}: no media, and the media path names the cause`, async () => {
    const r = await result(broken);
    expect(r.aliceExit, r.log).toBe(0);
    const diagnoses = r.alicePaths.map((p) => p.diagnosis).filter(Boolean);
    expect(diagnoses.at(-1), r.log).toMatch(/^no media from peer: ICE found no working path.*TURN not configured$/);
    expect(r.alicePaths.some((p) => p.ice === 'failed')).toBe(true);
    expect(r.alicePaths.at(-1)?.receiving).toBe(false);
    expect(lastPair(r.alicePaths)).toBeUndefined();
  });
});
