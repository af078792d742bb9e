import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dominantFrequency, readWavFile, toMono, toneDbfs } from '../../main/media/audio';
import type { MediaCandidatePair, MediaPathInfo } from '../../shared/ipc';
import { newestFile } from '../interop/peers/baresip-call-events';
import { LiteSip, registrationsOf, type CliEvent } from '../interop/peers/litesip';
import { BaresipNatPhone } from './baresip-nat-phone';
import { NatLab } from './lab/nat-lab';
import { PLAN, type NatBehaviour } from './lab/lab-plan';

// One row of the NAT lab with baresip 1.0 on one side: LiteSIP on host A and baresip on host B,
// each behind its own cone NAT (endpoint-independent mapping, address-and-port-dependent
// filtering: a direct path exists only once ICE's checks from both ends opened both mappings),
// baresip with its ICE module and the lab's coturn. Both register at the lab's kamailio; a call
// each way, each side sends its own tone, both recordings are checked, and the candidate pair
// LiteSIP chose is reported.
//
// What baresip 1.0 (libre 1.1.0) does that shapes the row:
// - It checks its pairs one after another, about two seconds each (host, then server-reflexive,
//   then relayed), and sends media only once a check succeeded.
// - As the controlled agent it sends on the pair it selected itself, not on the one we nominated
//   (RFC 8445 §7.3.1.5). When LiteSIP calls, our relayed pairs open after a second and can win
//   before baresip's checks reached our mapping: we then nominated a pair with baresip's relayed
//   candidate while baresip sent its audio directly, which LiteSIP, listening to the selected
//   pair, did not play. So when LiteSIP calls, baresip's ICE uses coturn as STUN server only
//   (host and server-reflexive candidates); when baresip calls, it nominates, and it uses coturn
//   as TURN server too.
// - It answers checks that reached it through its relay from its host port instead of through
//   TURN, and checks our relayed candidate only about 4.5 s after the answer; behind a symmetric
//   NAT, LiteSIP's ICE has given up by then. That is why neither side here is symmetric.

const LITESIP_HZ = 440;
const BARESIP_HZ = 1000;
const BARESIP_PEAK = -6;
/** Call length once connected, s: baresip starts its media only after its checks, one pair after another, found a path. */
const CALL_SECONDS = 6;
const LITESIP_NAT: NatBehaviour = 'cone';
const BARESIP_NAT: NatBehaviour = 'cone';

let lab: NatLab;
let phone: BaresipNatPhone | undefined;
let alice: LiteSip | undefined;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-baresip-row-'));

function natFlags(): string[] {
  const t = lab.turn;
  return ['--stun', `${t.address}:${t.port}`, '--turn', `turn:${t.address}:${t.port}`, '--turn-user', t.username, '--turn-password', t.password];
}

function lastPair(events: CliEvent[]): MediaCandidatePair | undefined {
  const paths = events.filter((e) => e.event === 'calls:media-path').map((e) => e.data as MediaPathInfo);
  return paths.filter((p) => p.candidatePair).at(-1)?.candidatePair;
}

/** Seconds of a recording (any rate) whose 100 ms pieces carry `hz` as their dominant tone at a speaking level. */
function toneSeconds(file: string, hz: number): number {
  if (process.env.LAB_DEBUG) fs.copyFileSync(file, path.join(process.env.LAB_DEBUG, `${Date.now()}-${hz}-${path.basename(file)}`));
  const wav = readWavFile(file);
  const mono = toMono(wav);
  const n = Math.round(wav.sampleRate / 10);
  let pieces = 0;
  for (let i = 0; i + n <= mono.length; i += n) {
    const piece = mono.subarray(i, i + n);
    if (Math.abs(dominantFrequency(piece, wav.sampleRate) - hz) < 20 && toneDbfs(piece, wav.sampleRate, hz) > -25) pieces++;
  }
  return pieces / 10;
}

/**
 * Between two cone NATs the checks open both mappings and the direct path wins over the relays
 * (RFC 8445 §5.1.2.1): LiteSIP's pair ends at baresip's NAT mapping, learnt as its
 * server-reflexive candidate or as peer-reflexive (RFC 8445 §7.2.5.3.1).
 */
function expectDirect(pair: MediaCandidatePair, facts: string): void {
  expect(pair.localType, facts).not.toBe('relay');
  expect(pair.remoteType, facts).not.toBe('relay');
  expect(pair.remote.slice(0, pair.remote.lastIndexOf(':')), facts).toBe(PLAN.B.natWan);
}

/**
 * baresip on host B, registered at the lab's kamailio, medianat=ice with coturn as its TURN server
 * (host, server-reflexive and relayed candidates) or as its STUN server (host and server-reflexive).
 */
async function startPhone(server: 'turn' | 'stun'): Promise<BaresipNatPhone> {
  const reg = lab.registrar;
  const t = lab.turn;
  const started = await BaresipNatPhone.start(lab.hostB, {
    user: 'bob',
    password: 'secret',
    registrar: `${reg.address}:${reg.port}`,
    address: PLAN.B.host,
    iface: PLAN.B.ifaces.host,
    medianat: 'ice',
    stunServer: `${server}:${t.address}:${t.port}`,
    ...(server === 'turn' && { stunUser: t.username, stunPassword: t.password }),
    toneHz: BARESIP_HZ,
    tonePeakDbfs: BARESIP_PEAK,
  });
  phone = started;
  await started.registered();
  return started;
}

function describePair(p: MediaCandidatePair | undefined): string {
  return p ? `${p.localType} ${p.local} ⇄ ${p.remoteType} ${p.remote}${p.relayTransport ? ` (TURN over ${p.relayTransport})` : ''}` : 'none';
}

function logs(extra: string): string {
  if (process.env.LAB_DEBUG) fs.writeFileSync(path.join(process.env.LAB_DEBUG, `row-${Date.now()}.log`), `${extra}\nbaresip: ${phone?.log}`);
  return `${extra}\nbaresip: ${phone?.log.slice(-5000)}\nkamailio: ${lab.registrarLog.slice(-2000)}\ncoturn: ${lab.turnLog.slice(-3000)}`;
}

describe(`NAT lab: LiteSIP (${LITESIP_NAT} NAT) and baresip with medianat=ice (${BARESIP_NAT} NAT) through kamailio`, () => {
  beforeAll(async () => {
    lab = await NatLab.create({ A: { nat: LITESIP_NAT }, B: { nat: BARESIP_NAT }, registrarUsers: ['alice', 'bob'] });
    // LAB_DEBUG=DIR: a capture of the public side, kept in DIR
    if (process.env.LAB_DEBUG) lab.pub.spawn('tshark', ['-q', '-i', 'any', '-w', path.join(process.env.LAB_DEBUG, 'pub.pcapng')]);
  }, 40_000);

  afterEach(async () => {
    await alice?.stop('SIGKILL');
    alice = undefined;
    await phone?.stop();
    phone = undefined;
  });

  afterAll(async () => {
    await lab?.destroy();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('LiteSIP calls baresip: a tone each way, and the candidate pair LiteSIP chose', async () => {
    const bob = await startPhone('stun');
    const reg = lab.registrar;
    const record = path.join(scratch, 'alice-out.wav');
    const run = await LiteSip.run(
      lab.hostA,
      ['call', `sip:bob@${reg.domain}`, '--duration', String(CALL_SECONDS), '--account', `sip:alice@${reg.domain}`, '--password', 'secret',
        '--proxy', `sip:${reg.address}:${reg.port};transport=udp`, '--listen', 'udp:0.0.0.0:5070', '--codec', 'pcmu', '--srtp', 'off',
        '--play', `tone:${LITESIP_HZ}`, '--record', record, ...natFlags()],
      40_000,
    );
    const facts = logs(`litesip stderr: ${run.stderr}\nlitesip events: ${JSON.stringify(run.events.slice(-8))}`);
    expect(run.code, facts).toBe(0);
    const pair = lastPair(run.events);
    console.info(`[LiteSIP → baresip] LiteSIP chose ${describePair(pair)}`);
    expect(pair, facts).toBeDefined();
    const dumps = await bob.dumps(1);
    expect(toneSeconds(record, BARESIP_HZ), `${BARESIP_HZ} Hz seconds LiteSIP heard\n${facts}`).toBeGreaterThanOrEqual(1.5);
    expect(toneSeconds(dumps.received, LITESIP_HZ), `${LITESIP_HZ} Hz seconds baresip heard\n${facts}`).toBeGreaterThanOrEqual(1.5);
    expectDirect(pair!, facts);
  }, 50_000);

  it('baresip calls LiteSIP: a tone each way, and the candidate pair LiteSIP chose', async () => {
    const reg = lab.registrar;
    const bob = await startPhone('turn');
    const recordDir = path.join(scratch, 'alice-in');
    alice = LiteSip.start(lab.hostA, [
      'run', '--auto-answer', '0', '--account', `sip:alice@${reg.domain}`, '--password', 'secret', '--proxy', `sip:${reg.address}:${reg.port};transport=udp`,
      '--listen', 'udp:0.0.0.0:5070', '--codec', 'pcmu', '--srtp', 'off', '--play', `tone:${LITESIP_HZ}`, '--record', recordDir, ...natFlags(),
    ]);
    await alice.waitFor('app:status', (e) => registrationsOf(e).some((r) => r.state === 'registered'), 20_000);
    await bob.command('dial', `sip:alice@${reg.domain}`);
    const connected = await alice.waitFor('calls:changed', (e) => (e.data as { state?: string }).state === 'connected', 20_000);
    await new Promise((r) => setTimeout(r, CALL_SECONDS * 1000));
    await bob.command('hangup');
    const id = (connected.data as { id: string }).id;
    await alice.waitFor('calls:changed', (e) => (e.data as { id?: string; state?: string }).id === id && (e.data as { state?: string }).state === 'ended', 10_000);
    const events = alice.events;
    const facts = logs(`litesip stderr: ${alice.stderr}\nlitesip events: ${JSON.stringify(events.slice(-8))}`);
    await alice.stop();
    const pair = lastPair(events);
    console.info(`[baresip → LiteSIP] LiteSIP chose ${describePair(pair)}`);
    expect(pair, facts).toBeDefined();
    const dumps = await bob.dumps(1);
    expect(toneSeconds(newestFile(recordDir), BARESIP_HZ), `${BARESIP_HZ} Hz seconds LiteSIP heard\n${facts}`).toBeGreaterThanOrEqual(1.5);
    expect(toneSeconds(dumps.received, LITESIP_HZ), `${LITESIP_HZ} Hz seconds baresip heard\n${facts}`).toBeGreaterThanOrEqual(1.5);
    expectDirect(pair!, facts);
  }, 50_000);
});
