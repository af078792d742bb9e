import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { measureTone } from './peers/baresip-call-audio';
import { BaresipPhone, type PhoneAccount } from './peers/baresip-phone';
import { RtpCapture, type CapturedRtp } from './peers/baresip-rtp-capture';
import { newestFile, waitForCall, type CallInfo } from './peers/baresip-call-events';
import { LiteSip } from './peers/litesip';
import { removeDir, scratchDir } from './peers/scratch-dir';

// Calls with baresip 1.0 beyond the codec matrix: hang-up by baresip, RFC 4733 DTMF both
// ways, and baresip asking for 40 ms packets (a=ptime:40), checked on the wire with tshark.

const LITESIP_HZ = 440;
const BARESIP_HZ = 1000;
const ALICE = 'sip:alice@127.0.0.1:25080';
/** baresip's RTP ports: its packets come from here, LiteSIP's go here. */
const BARESIP_RTP = { min: 25200, max: 25219 };

const ACCOUNTS: PhoneAccount[] = [
  { user: 'pcmu', codec: 'pcmu', mediaenc: 'none' },
  { user: 'opus-srtp', codec: 'opus', mediaenc: 'srtp' },
  { user: 'pcmu-40', codec: 'pcmu', mediaenc: 'none', ptime: 40 },
  { user: 'opus-40', codec: 'opus', mediaenc: 'none', ptime: 40 },
  { user: 'pcmu-mand', codec: 'pcmu', mediaenc: 'srtp-mand' },
];
/** A second LiteSIP that answers with SRTP off. */
const CAROL = 'sip:carol@127.0.0.1:25082';

function expectTone(file: string, hz: number, label: string): void {
  const m = measureTone(file, hz);
  const facts = `${label}: ${JSON.stringify(m)}`;
  expect(Math.abs(m.frequency - hz), facts).toBeLessThan(hz / 50);
  expect(m.levelDbfs, facts).toBeGreaterThan(-20);
}

const fromBaresip = (p: CapturedRtp): boolean => p.srcPort >= BARESIP_RTP.min && p.srcPort <= BARESIP_RTP.max;
const toBaresip = (p: CapturedRtp): boolean => p.dstPort >= BARESIP_RTP.min && p.dstPort <= BARESIP_RTP.max;

/** Payload sizes and timestamp steps of one direction's audio packets (telephone-event left out). */
function shape(packets: CapturedRtp[], pt: number): { sizes: Set<number>; steps: Set<number>; count: number } {
  const audio = packets.filter((p) => p.payloadType === pt);
  const steps = new Set(audio.slice(1).map((p, i) => (p.timestamp - audio[i]!.timestamp) >>> 0));
  return { sizes: new Set(audio.map((p) => p.payloadBytes)), steps, count: audio.length };
}

describe('LiteSIP and baresip: hang-up, DTMF and packet time', () => {
  let ns: NetNs;
  let phone: BaresipPhone;
  let alice: LiteSip;
  let carol: LiteSip;
  let recordDir: string;
  let scratch: string;

  beforeAll(async () => {
    ns = NetNs.create('lsip-bk');
    recordDir = scratchDir('alice-rec');
    scratch = scratchDir('calls');
    phone = await BaresipPhone.start(ns, {
      sipPort: 25090,
      ctrlPort: 25095,
      accounts: ACCOUNTS,
      toneHz: BARESIP_HZ,
      tonePeakDbfs: -6,
      rtpPorts: `${BARESIP_RTP.min}-${BARESIP_RTP.max}`,
      // the codec matrix runs without RTCP multiplexing, these calls with it (RFC 5761)
      rtcpMux: true,
    });
    alice = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25080', '--user', 'alice', '--auto-answer', '0', '--play', `tone:${LITESIP_HZ}`, '--record', recordDir]);
    carol = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25082', '--user', 'carol', '--auto-answer', '0', '--srtp', 'off']);
    await alice.waitFor('ready', () => true, 30_000);
    await carol.waitFor('ready', () => true, 30_000);
  }, 60_000);

  afterAll(async () => {
    await alice?.stop();
    await carol?.stop();
    await phone?.stop();
    await ns?.destroy();
    if (recordDir) removeDir(recordDir);
    if (scratch) removeDir(scratch);
  });

  /** Waits until baresip closed its call from `user` and drops the events seen so far. */
  async function callClosed(user: string): Promise<void> {
    await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
    phone.events.length = 0;
  }

  it('LiteSIP calls, baresip hangs up: the call ends with exit 0 and the remote hang-up as reason', async () => {
    const call = LiteSip.start(ns, ['call', phone.uri('pcmu'), '--listen', 'udp:127.0.0.1:0', '--play', `tone:${LITESIP_HZ}`, '--duration', '30', '--codec', 'pcmu', '--srtp', 'off']);
    try {
      await call.waitFor('call-connected');
      await phone.waitForEvent((e) => e.type === 'CALL_ESTABLISHED');
      await new Promise((r) => setTimeout(r, 1000));
      await phone.hangup('pcmu');
      const started = Date.now();
      expect(await call.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      const ended = call.events.find((e) => e.event === 'call-ended');
      expect(ended?.reason).toBe('the other party hung up');
    } finally {
      await call.stop();
    }
    await callClosed('pcmu');
  });

  it('baresip puts LiteSIP on hold and resumes (re-INVITE a=sendonly, then sendrecv): LiteSIP shows the remote hold and audio comes back', async () => {
    const before = alice.events.length;
    await phone.dial('pcmu', ALICE);
    const connected = await waitForCall(alice, before, (c) => c.state === 'connected');
    await new Promise((r) => setTimeout(r, 500));
    await phone.command('hold');
    await waitForCall(alice, before, (c) => c.id === connected.id && c.remoteHeld === true);
    await new Promise((r) => setTimeout(r, 500));
    await phone.command('resume');
    const resumed = alice.events.length;
    await waitForCall(alice, resumed, (c) => c.id === connected.id && c.remoteHeld === false && c.state === 'connected');
    await new Promise((r) => setTimeout(r, 1500));
    await phone.command('hangup');
    await waitForCall(alice, before, (c) => c.id === connected.id && c.state === 'ended');
    await callClosed('pcmu');
    expectTone(newestFile(recordDir), BARESIP_HZ, 'LiteSIP received after resume');
  });

  it('baresip sends RFC 4733 DTMF (Opus, SDES best effort): LiteSIP reports each digit once, in order', async () => {
    const before = alice.events.length;
    await phone.dial('opus-srtp', ALICE);
    const connected = await waitForCall(alice, before, (c) => c.state === 'connected');
    expect(connected).toMatchObject({ codec: 'opus', encryption: 'srtp' });
    await new Promise((r) => setTimeout(r, 500));
    for (const digit of ['1', '5', '9', '#']) {
      await phone.command('sndcode', digit);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 700));
    await phone.command('hangup');
    await waitForCall(alice, before, (c) => c.id === connected.id && c.state === 'ended');
    const digits = alice.events
      .slice(before)
      .filter((e) => e.event === 'calls:dtmf' && (e.data as { callId: string }).callId === connected.id)
      .map((e) => (e.data as { digit: string }).digit);
    expect(digits.join('')).toBe('159#');
    await callClosed('opus-srtp');
  });

  it.each([
    { user: 'pcmu', codec: 'pcmu', srtp: 'off' },
    { user: 'opus-srtp', codec: 'opus', srtp: 'best-effort' },
  ])('LiteSIP sends RFC 4733 DTMF (--dtmf, $codec): baresip sees each digit', async ({ user, codec, srtp }) => {
    const run = await LiteSip.run(ns, ['call', phone.uri(user), '--listen', 'udp:127.0.0.1:0', '--duration', '3', '--codec', codec, '--srtp', srtp, '--dtmf', '24*']);
    expect(run.code, run.stderr).toBe(0);
    await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
    const keys = phone.events.filter((e) => e.type === 'CALL_DTMF_START').map((e) => e.param);
    phone.events.length = 0;
    expect(keys.join('')).toBe('24*');
  });

  it.each([
    { user: 'pcmu', srtp: 'mandatory', why: 'RTP/SAVP to a phone without SRTP' },
    { user: 'pcmu-mand', srtp: 'off', why: 'plain RTP/AVP to a phone that insists on SRTP' },
  ])('LiteSIP offers $why: baresip answers 488 and the call fails with exit 1 and the status', async ({ user, srtp }) => {
    const run = await LiteSip.run(ns, ['call', phone.uri(user), '--listen', 'udp:127.0.0.1:0', '--duration', '2', '--codec', 'pcmu', '--srtp', srtp]);
    expect(run.code).toBe(1);
    expect(run.events.find((e) => e.event === 'call-failed')).toMatchObject({ status: 488 });
    await callClosed(user);
  });

  it('baresip offers RTP/SAVP to a LiteSIP with SRTP off: LiteSIP answers 488 and no call starts', async () => {
    const before = carol.events.length;
    await phone.dial('pcmu-mand', CAROL);
    const closed = await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri('pcmu-mand'));
    phone.events.length = 0;
    expect(closed.param).toMatch(/488/);
    expect(carol.events.slice(before).some((e) => e.event === 'calls:changed' && (e.data as CallInfo).state === 'connected')).toBe(false);
  });

  it('LiteSIP offers a=ptime:20 to baresip set to 40 ms (PCMU): both send 20 ms packets, both hear tones', async () => {
    phone.clearRecordings();
    const capture = await RtpCapture.start(ns);
    const record = path.join(scratch, 'pcmu-40.wav');
    const run = await LiteSip.run(ns, ['call', phone.uri('pcmu-40'), '--listen', 'udp:127.0.0.1:0', '--play', `tone:${LITESIP_HZ}`, '--record', record, '--duration', '2', '--codec', 'pcmu', '--srtp', 'off']);
    await callClosed('pcmu-40');
    const packets = await capture.stop();
    expect(run.code, run.stderr).toBe(0);
    const ours = shape(packets.filter(toBaresip), 0);
    const theirs = shape(packets.filter(fromBaresip), 0);
    expect(ours.count).toBeGreaterThan(20);
    expect([...ours.sizes]).toEqual([160]);
    expect([...theirs.sizes]).toEqual([160]);
    expect([...theirs.steps]).toEqual([160]);
    expectTone(record, BARESIP_HZ, 'LiteSIP received');
    expectTone((await phone.lastRecording()).received, LITESIP_HZ, 'baresip received');
  });

  it('baresip offers a=ptime:40 (PCMU) calling LiteSIP: LiteSIP answers with 40 ms packets and plays baresip\'s', async () => {
    phone.clearRecordings();
    const capture = await RtpCapture.start(ns);
    const before = alice.events.length;
    await phone.dial('pcmu-40', ALICE);
    const connected = await waitForCall(alice, before, (c) => c.state === 'connected');
    await new Promise((r) => setTimeout(r, 2000));
    await phone.command('hangup');
    await waitForCall(alice, before, (c) => c.id === connected.id && c.state === 'ended');
    await callClosed('pcmu-40');
    const packets = await capture.stop();
    const ours = shape(packets.filter(toBaresip), 0);
    expect(ours.count).toBeGreaterThan(20);
    expect([...ours.sizes]).toEqual([320]);
    expect([...ours.steps]).toEqual([320]);
    expectTone(newestFile(recordDir), BARESIP_HZ, 'LiteSIP received');
    expectTone((await phone.lastRecording()).received, LITESIP_HZ, 'baresip received');
  });

  it('baresip offers a=ptime:40 (Opus) calling LiteSIP: LiteSIP sends one 40 ms Opus frame per packet (timestamps +1920)', async () => {
    phone.clearRecordings();
    const capture = await RtpCapture.start(ns);
    const before = alice.events.length;
    await phone.dial('opus-40', ALICE);
    const connected = await waitForCall(alice, before, (c) => c.state === 'connected');
    expect(connected.codec).toBe('opus');
    await new Promise((r) => setTimeout(r, 2000));
    await phone.command('hangup');
    await waitForCall(alice, before, (c) => c.id === connected.id && c.state === 'ended');
    await callClosed('opus-40');
    const packets = await capture.stop();
    const pt = packets.find(toBaresip)?.payloadType ?? -1;
    const ours = shape(packets.filter(toBaresip), pt);
    expect(ours.count).toBeGreaterThan(20);
    expect([...ours.steps]).toEqual([1920]);
    expectTone(newestFile(recordDir), BARESIP_HZ, 'LiteSIP received');
    expectTone((await phone.lastRecording()).received, LITESIP_HZ, 'baresip received');
  });
});
