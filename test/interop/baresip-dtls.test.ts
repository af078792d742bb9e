import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { measureTone } from './peers/baresip-call-audio';
import { BaresipPhone, type BaresipCodec } from './peers/baresip-phone';
import { LiteSip, type CliEvent } from './peers/litesip';
import { removeDir, scratchDir } from './peers/scratch-dir';

// DTLS-SRTP (RFC 5763/5764) between LiteSIP and baresip 1.0's dtls_srtp module (OpenSSL), both
// ways: LiteSIP as the offerer (a=setup:actpass, DTLS server) and as the answerer (active, client).
// Each side sends its own tone and both recordings are checked for it.

const LITESIP_HZ = 440;
/** `tone:HZ` sends −12 dBFS peak: −15 dBFS on the RMS scale of toneDbfs. */
const LITESIP_LEVEL = -15;
const BARESIP_HZ = 1000;
const BARESIP_PEAK = -6;
const BARESIP_LEVEL = BARESIP_PEAK - 3;
const ALICE = 'sip:alice@127.0.0.1:25180';
const CODECS: BaresipCodec[] = ['pcmu', 'opus'];

type CallInfo = { id: string; state: string; encryption: string; codec?: string; endReason?: string };

function expectTone(file: string, hz: number, level: number, label: string): void {
  // DTLS runs before the first media packet: skip a little more than the SDES tests do
  const m = measureTone(file, hz, 0.9);
  const facts = `${label}: ${JSON.stringify(m)}`;
  expect(m.seconds, facts).toBeGreaterThan(1.2);
  expect(Math.abs(m.frequency - hz), facts).toBeLessThan(hz / 50);
  expect(Math.abs(m.levelDbfs - level), facts).toBeLessThan(3);
}

describe('LiteSIP and baresip: DTLS-SRTP calls with audio both ways', () => {
  let ns: NetNs;
  let phone: BaresipPhone;
  let alice: LiteSip;
  let recordDir: string;
  let scratch: string;

  beforeAll(async () => {
    ns = NetNs.create('lsip-bd');
    recordDir = scratchDir('alice-rec');
    scratch = scratchDir('dtls-calls');
    phone = await BaresipPhone.start(ns, {
      sipPort: 25190,
      ctrlPort: 25195,
      accounts: CODECS.map((codec) => ({ user: `${codec}-dtls`, codec, mediaenc: 'dtls_srtp' })),
      toneHz: BARESIP_HZ,
      tonePeakDbfs: BARESIP_PEAK,
    });
    // default --srtp (best-effort): a DTLS-SRTP offer is still answered with DTLS-SRTP
    alice = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25180', '--user', 'alice', '--auto-answer', '0', '--play', `tone:${LITESIP_HZ}`, '--record', recordDir]);
    await alice.waitFor('ready', () => true, 20_000);
  }, 60_000);

  afterAll(async () => {
    await alice?.stop();
    await phone?.stop();
    await ns?.destroy();
    if (recordDir) removeDir(recordDir);
    if (scratch) removeDir(scratch);
  });

  describe.each(CODECS)('%s', (codec) => {
    const user = `${codec}-dtls`;

    it('LiteSIP calls baresip with --srtp dtls: baresip verifies our fingerprint, both hear the other\'s tone', async () => {
      phone.clearRecordings();
      const logBefore = phone.log.length;
      const record = path.join(scratch, `out-${codec}.wav`);
      const run = await LiteSip.run(ns, ['call', phone.uri(user), '--listen', 'udp:127.0.0.1:0', '--play', `tone:${LITESIP_HZ}`, '--record', record, '--duration', '2.5', '--codec', codec, '--srtp', 'dtls']);
      expect(run.code, `${run.stderr}\n${JSON.stringify(run.events.slice(-4))}\n${phone.log.slice(-3000)}`).toBe(0);
      expect(run.events.find((e) => e.event === 'call-connected')).toMatchObject({ codec, encryption: 'dtls-srtp' });
      await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
      phone.events.length = 0;
      const log = phone.log.slice(logBefore);
      // baresip took the DTLS client role (we offered actpass) and checked our certificate
      expect(log).toMatch(/start DTLS client/);
      expect(log).toMatch(/verified sha-256 fingerprint OK/);
      expect(log).toMatch(/DTLS-SRTP complete \(audio\/RTP\) Profile=AES_CM_128_HMAC_SHA1_80/);
      const dumps = await phone.lastRecording();
      expectTone(record, BARESIP_HZ, BARESIP_LEVEL, 'LiteSIP received');
      expectTone(dumps.received, LITESIP_HZ, LITESIP_LEVEL, 'baresip received');
    });

    it('baresip calls LiteSIP with DTLS-SRTP: LiteSIP answers a=setup:active, both hear the other\'s tone', async () => {
      phone.clearRecordings();
      const logBefore = phone.log.length;
      const before = alice.events.length;
      await phone.dial(user, ALICE);
      const connected = await waitForCall(alice, before, (c) => c.state === 'connected');
      expect(connected).toMatchObject({ codec, encryption: 'dtls-srtp' });
      await new Promise((r) => setTimeout(r, 2500));
      await phone.command('hangup');
      await waitForCall(alice, before, (c) => c.id === connected.id && c.state === 'ended');
      await phone.waitForEvent((e) => e.type === 'CALL_CLOSED' && e.accountaor === phone.uri(user));
      phone.events.length = 0;
      const log = phone.log.slice(logBefore);
      expect(log).toMatch(/start DTLS server/);
      expect(log).toMatch(/verified sha-256 fingerprint OK/);
      expect(log).toMatch(/DTLS-SRTP complete \(audio\/RTP\)/);
      // baresip 1.0 offers no rtcp-mux: RTCP runs its own association on its own port (RFC 5764 §4.1)
      expect(log).toMatch(/DTLS-SRTP complete \(audio\/RTCP\)/);
      const dumps = await phone.lastRecording();
      expectTone(newestFile(recordDir), BARESIP_HZ, BARESIP_LEVEL, 'LiteSIP received');
      expectTone(dumps.received, LITESIP_HZ, LITESIP_LEVEL, 'baresip received');
    });
  });
});

/** The newest file in `dir` (run --record names files by time, not by call). */
function newestFile(dir: string): string {
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  files.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  if (files.length === 0) throw new Error(`no recording in ${dir}`);
  return files.at(-1)!;
}

/** The first calls:changed after event index `from` that passes `match`. */
async function waitForCall(cli: LiteSip, from: number, match: (c: CallInfo) => boolean, timeoutMs = 10_000): Promise<CallInfo> {
  const test = (e: CliEvent): boolean => e.event === 'calls:changed' && match(e.data as CallInfo);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = cli.events.slice(from).find(test);
    if (found) return found.data as CallInfo;
    if (Date.now() > end) throw new Error(`litesip: no matching calls:changed within ${timeoutMs} ms; events: ${JSON.stringify(cli.events.slice(-4))}; stderr: ${cli.stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
