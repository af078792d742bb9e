import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { measureTone } from './peers/baresip-call-audio';
import { BaresipPhone } from './peers/baresip-phone';
import { newestFile, waitForCall } from './peers/baresip-call-events';
import { LiteSip } from './peers/litesip';
import { removeDir, scratchDir } from './peers/scratch-dir';

// Blind transfer (REFER, RFC 3515) with baresip 1.0 on both sides of it: baresip transfers a
// LiteSIP caller to another LiteSIP (LiteSIP as transferee), and LiteSIP transfers baresip
// (baresip as transferee). Each time the two parties left talking hear each other's tone.

const ALICE_HZ = 440;
const CAROL_HZ = 660;
const BARESIP_HZ = 1000;
const ALICE = 'sip:alice@127.0.0.1:25380';
const CAROL = 'sip:carol@127.0.0.1:25385';

function expectTone(file: string, hz: number, label: string): void {
  const m = measureTone(file, hz);
  const facts = `${label}: ${JSON.stringify(m)}`;
  expect(Math.abs(m.frequency - hz), facts).toBeLessThan(hz / 50);
  expect(m.levelDbfs, facts).toBeGreaterThan(-30);
}

describe('blind transfer with baresip', () => {
  let ns: NetNs;
  let phone: BaresipPhone;
  let alice: LiteSip;
  let carol: LiteSip;
  let aliceRec: string;
  let carolRec: string;

  beforeAll(async () => {
    ns = NetNs.create('lsip-bt');
    aliceRec = scratchDir('alice-rec');
    carolRec = scratchDir('carol-rec');
    phone = await BaresipPhone.start(ns, { sipPort: 25390, ctrlPort: 25395, accounts: [{ user: 'pcmu', codec: 'pcmu', mediaenc: 'none' }], toneHz: BARESIP_HZ, tonePeakDbfs: -6, toneSeconds: 60 });
    alice = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25380', '--user', 'alice', '--auto-answer', '0', '--play', `tone:${ALICE_HZ}`, '--record', aliceRec]);
    carol = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25385', '--user', 'carol', '--auto-answer', '0', '--play', `tone:${CAROL_HZ}`, '--record', carolRec]);
    await alice.waitFor('ready', () => true, 20_000);
    await carol.waitFor('ready', () => true, 20_000);
  }, 60_000);

  afterAll(async () => {
    await alice?.stop();
    await carol?.stop();
    await phone?.stop();
    await ns?.destroy();
    if (aliceRec) removeDir(aliceRec);
    if (carolRec) removeDir(carolRec);
  });

  it('baresip transfers the LiteSIP caller to another LiteSIP: LiteSIP accepts the REFER, calls, and the two hear each other', async () => {
    const aliceFrom = alice.events.length;
    const carolFrom = carol.events.length;
    await phone.dial('pcmu', ALICE);
    const first = await waitForCall(alice, aliceFrom, (c) => c.state === 'connected');
    await new Promise((r) => setTimeout(r, 500));
    await phone.command('transfer', CAROL);
    const second = await waitForCall(alice, aliceFrom, (c) => c.state === 'connected' && c.id !== first.id, 15_000);
    const atCarol = await waitForCall(carol, carolFrom, (c) => c.state === 'connected', 15_000);
    // The original call ends once the transfer succeeded (our final NOTIFY, then BYE either way).
    const old = await waitForCall(alice, aliceFrom, (c) => c.id === first.id && c.state === 'ended', 15_000);
    expect((old as { transfer?: { state: string } }).transfer?.state).toBe('succeeded');
    await phone.waitForEvent((e) => e.type === 'CALL_CLOSED');
    phone.events.length = 0;
    await new Promise((r) => setTimeout(r, 2000));
    // `litesip run` has no hang-up command: stopping carol ends the call and closes both recordings.
    await carol.stop();
    await waitForCall(alice, aliceFrom, (c) => c.id === second.id && c.state === 'ended', 10_000);
    expect(atCarol.id).toBeDefined();
    expectTone(newestFile(aliceRec), CAROL_HZ, 'alice heard carol');
    expectTone(newestFile(carolRec), ALICE_HZ, 'carol heard alice');
    carol = LiteSip.start(ns, ['run', '--listen', 'udp:127.0.0.1:25385', '--user', 'carol', '--auto-answer', '0', '--play', `tone:${CAROL_HZ}`, '--record', carolRec]);
    await carol.waitFor('ready', () => true, 20_000);
  }, 60_000);

  it('LiteSIP transfers baresip to another LiteSIP (litesip call --transfer-to): baresip calls it and they hear each other', async () => {
    const carolFrom = carol.events.length;
    const run = LiteSip.start(ns, ['call', phone.uri('pcmu'), '--transfer-to', CAROL, '--after', '1', '--listen', 'udp:127.0.0.1:0', '--play', `tone:${ALICE_HZ}`, '--codec', 'pcmu', '--srtp', 'off']);
    const atCarol = await waitForCall(carol, carolFrom, (c) => c.state === 'connected', 20_000);
    expect(await run.exited, run.stderr).toBe(0);
    expect(run.events.some((e) => e.event === 'transfer' && (e as { state?: string }).state === 'succeeded')).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    await phone.command('hangup');
    await waitForCall(carol, carolFrom, (c) => c.id === atCarol.id && c.state === 'ended', 10_000);
    expectTone(newestFile(carolRec), BARESIP_HZ, 'carol heard baresip');
  }, 60_000);
});
