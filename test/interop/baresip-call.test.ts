import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { measureTone } from './peers/baresip-call-audio';
import { BaresipPhone, type BaresipCodec, type BaresipMediaenc, type PhoneAccount } from './peers/baresip-phone';
import { newestFile, waitForCall } from './peers/baresip-call-events';
import { LiteSip } from './peers/litesip';
import { removeDir, scratchDir } from './peers/scratch-dir';

// Calls between LiteSIP and baresip 1.0 both ways, for every codec and SDES mode; each side
// sends its own tone and both recordings are checked for it.

const LITESIP_HZ = 440;
/** `tone:HZ` sends −12 dBFS peak: −15 dBFS on the RMS scale of toneDbfs. */
const LITESIP_LEVEL = -15;
const BARESIP_HZ = 1000;
const BARESIP_PEAK = -6;
const BARESIP_LEVEL = BARESIP_PEAK - 3;
const ALICE = 'sip:alice@127.0.0.1:25080';

const CODECS: BaresipCodec[] = ['opus', 'g722', 'pcmu', 'pcma'];
/** baresip's mediaenc and LiteSIP's --srtp for the same mode. */
const MODES: { mediaenc: BaresipMediaenc; srtp: 'off' | 'mandatory' | 'best-effort'; encryption: string }[] = [
  { mediaenc: 'none', srtp: 'off', encryption: 'none' },
  { mediaenc: 'srtp-mand', srtp: 'mandatory', encryption: 'srtp' },
  { mediaenc: 'srtp', srtp: 'best-effort', encryption: 'srtp' },
];
const MATRIX = CODECS.flatMap((codec) => MODES.map((mode) => ({ codec, ...mode, user: `${codec}-${mode.mediaenc}` })));

function expectTone(file: string, hz: number, level: number, label: string): void {
  const m = measureTone(file, hz);
  const facts = `${label}: ${JSON.stringify(m)}`;
  expect(m.seconds, facts).toBeGreaterThan(1.2);
  expect(Math.abs(m.frequency - hz), facts).toBeLessThan(hz / 50);
  expect(Math.abs(m.levelDbfs - level), facts).toBeLessThan(3);
}

describe('LiteSIP and baresip: calls with audio both ways', () => {
  let ns: NetNs;
  let phone: BaresipPhone;
  let alice: LiteSip;
  let recordDir: string;
  let scratch: string;

  beforeAll(async () => {
    ns = NetNs.create('lsip-bc');
    recordDir = scratchDir('alice-rec');
    scratch = scratchDir('calls');
    const accounts: PhoneAccount[] = [...MATRIX.map(({ user, codec, mediaenc }) => ({ user, codec, mediaenc }))];
    phone = await BaresipPhone.start(ns, { sipPort: 25090, ctrlPort: 25095, accounts, toneHz: BARESIP_HZ, tonePeakDbfs: BARESIP_PEAK });
    alice = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25080', '--user', 'alice', '--auto-answer', '0', '--play', `tone:${LITESIP_HZ}`, '--record', recordDir]);
    await alice.waitFor('ready', () => true, 20_000);
  }, 60_000);

  afterAll(async () => {
    await alice?.stop();
    await phone?.stop();
    await ns?.destroy();
    if (recordDir) removeDir(recordDir);
    if (scratch) removeDir(scratch);
  });

  it('RTCP without multiplexing (baresip declines rtcp-mux): SRTCP reports cross both ways, LiteSIP measures the RTT', async () => {
    const user = 'pcmu-srtp-mand';
    const run = await LiteSip.run(ns, ['call', phone.uri(user), '--listen', 'udp:127.0.0.1:0', '--play', `tone:${LITESIP_HZ}`, '--duration', '6', '--codec', 'pcmu', '--srtp', 'mandatory']);
    expect(run.code, run.stderr).toBe(0);
    // RFC 3550 §6.4: LiteSIP took baresip's report blocks (RTT from LSR/DLSR, §6.4.1)
    const quality = run.events.filter((e) => e.event === 'calls:quality').map((e) => e.data as { rttMs?: number; lossPercent: number });
    expect(quality.length).toBeGreaterThan(0);
    expect(quality.at(-1)!.rttMs).toBeGreaterThanOrEqual(0);
    expect(quality.at(-1)!.rttMs).toBeLessThan(500);
    await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
    // baresip took ours: its statistics count what LiteSIP's sender reports announced
    const reports = phone.events.filter((e) => e.type === 'CALL_RTCP' && e.accountaor === phone.uri(user));
    phone.events.length = 0;
    expect(reports.length).toBeGreaterThan(0);
    expect((reports.at(-1) as { rtcp_stats?: { rx?: { sent?: number } } }).rtcp_stats?.rx?.sent).toBeGreaterThan(0);
  });

  describe.each(MATRIX)('$codec, $mediaenc', ({ codec, srtp, encryption, user }) => {
    it(`LiteSIP calls baresip (--srtp ${srtp}) and hangs up; both hear the other's tone`, async () => {
      phone.clearRecordings();
      const record = path.join(scratch, `out-${user}.wav`);
      const run = await LiteSip.run(ns, ['call', phone.uri(user), '--listen', 'udp:127.0.0.1:0', '--play', `tone:${LITESIP_HZ}`, '--record', record, '--duration', '2', '--codec', codec, '--srtp', srtp]);
      expect(run.code, `${run.stderr}\n${JSON.stringify(run.events.slice(-4))}\n${phone.log.slice(-3000)}`).toBe(0);
      expect(run.events.find((e) => e.event === 'call-connected')).toMatchObject({ codec, encryption });
      // our BYE reached baresip: it reports the remote hang-up as ECONNRESET
      const closed = await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
      expect(closed.param).toMatch(/reset by peer/i);
      phone.events.length = 0;
      const dumps = await phone.lastRecording();
      expectTone(record, BARESIP_HZ, BARESIP_LEVEL, 'LiteSIP received');
      expectTone(dumps.received, LITESIP_HZ, LITESIP_LEVEL, 'baresip received');
    });

    it(`baresip calls LiteSIP (auto-answer) and hangs up; both hear the other's tone`, async () => {
      phone.clearRecordings();
      const before = alice.events.length;
      await phone.dial(user, ALICE);
      const connected = await waitForCall(alice, before, (c) => c.state === 'connected');
      expect(connected).toMatchObject({ codec, encryption });
      await new Promise((r) => setTimeout(r, 2000));
      await phone.command('hangup');
      const ended = await waitForCall(alice, before, (c) => c.id === connected.id && c.state === 'ended');
      expect(ended.endReason).toBe('the other party hung up');
      await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
      phone.events.length = 0;
      const dumps = await phone.lastRecording();
      expectTone(newestFile(recordDir), BARESIP_HZ, BARESIP_LEVEL, 'LiteSIP received');
      expectTone(dumps.received, LITESIP_HZ, LITESIP_LEVEL, 'baresip received');
    });
  });
});
