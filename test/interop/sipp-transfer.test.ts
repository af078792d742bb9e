import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { LiteSip } from './peers/litesip';
import { describeSipp, Sipp } from './peers/sipp';

// Transfer on the wire with SIPp on the other end: LiteSIP as transferee (REFER in a call, 202,
// NOTIFY progress), as transferor (REFER with Refer-To and Referred-By, NOTIFYs read, BYE after
// success), and as transfer target refusing a Replaces that names no dialog (RFC 3891 §3).

const ALICE_PORT = 25480;
const CAROL_PORT = 25486;
const SIPP_PORT = 25490;
const CAROL = `sip:carol@127.0.0.1:${CAROL_PORT}`;

describe('SIPp and LiteSIP: REFER, NOTIFY and Replaces on the wire', () => {
  let ns: NetNs;
  let alice: LiteSip;
  let carol: LiteSip;

  beforeAll(async () => {
    ns = NetNs.create('lsip-xfer');
    alice = LiteSip.start(ns, ['run', '--user', 'alice', '--auto-answer', '0', '--listen', `udp:127.0.0.1:${ALICE_PORT}`]);
    carol = LiteSip.start(ns, ['run', '--user', 'carol', '--auto-answer', '0', '--listen', `udp:127.0.0.1:${CAROL_PORT}`]);
    await Promise.all([alice.waitFor('ready'), carol.waitFor('ready')]);
  }, 60_000);

  afterAll(async () => {
    await alice?.stop('SIGKILL');
    await carol?.stop('SIGKILL');
    await ns?.destroy();
  });

  it('as transferee: 202, NOTIFY 100 Trying (active) first and 200 OK (terminated) last, then BYE; the new call reaches the target', async () => {
    const carolFrom = carol.events.length;
    const r = await Sipp.run(ns, {
      scenario: { file: 'refer-transferee' },
      remote: `127.0.0.1:${ALICE_PORT}`,
      localPort: SIPP_PORT,
      calls: 1,
      timeoutSeconds: 20,
      traceMessages: true,
      extra: ['-key', 'target', CAROL],
    });
    expect(r.code, `${describeSipp(r)}\n${r.output.slice(-2000)}`).toBe(0);
    const notices = [...r.log.matchAll(/notify: (\d{3}) (active|terminated)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(notices[0]).toBe('100 active');
    expect(notices.at(-1)).toBe('200 terminated');
    expect(notices.slice(1, -1).every((n) => n === '180 active')).toBe(true);
    expect(carol.events.slice(carolFrom).some((e) => e.event === 'calls:changed' && (e.data as { state?: string }).state === 'connected')).toBe(true);
    // The REFER got 202 on the wire (the trace holds what SIPp received).
    expect(r.messages).toMatch(/^SIP\/2\.0 202 Accepted/m);
  }, 40_000);

  it('as transferor: REFER with Refer-To and Referred-By in the call, NOTIFYs answered 200, BYE once the transfer succeeded', async () => {
    const sipp = Sipp.start(ns, { scenario: { file: 'refer-transferor-uas' }, localPort: SIPP_PORT, calls: 1, timeoutSeconds: 30, traceMessages: true });
    const call = await LiteSip.run(ns, ['call', `sip:sipp@127.0.0.1:${SIPP_PORT}`, '--transfer-to', CAROL, '--after', '0.5', '--listen', 'udp:127.0.0.1:0', '--codec', 'pcmu', '--srtp', 'off']);
    const r = await sipp.finished();
    expect(r.code, describeSipp(r)).toBe(0);
    expect(call.code, call.stderr).toBe(0);
    expect(call.events.some((e) => e.event === 'transfer' && (e as { state?: string }).state === 'succeeded')).toBe(true);
    expect(r.log).toContain(`refer-to: ${CAROL}`);
    expect(r.log).toMatch(/referred-by: <sip:\w+@127\.0\.0\.1:\d+>/);
  }, 40_000);

  it('as transfer target: an INVITE with Replaces naming no dialog gets 481', async () => {
    const r = await Sipp.run(ns, { scenario: { file: 'invite-replaces-unknown' }, remote: `127.0.0.1:${ALICE_PORT}`, localPort: SIPP_PORT, calls: 1, timeoutSeconds: 15, traceMessages: true });
    expect(r.code, describeSipp(r)).toBe(0);
    expect(r.messages).toMatch(/^SIP\/2\.0 481 /m);
  }, 30_000);
});
