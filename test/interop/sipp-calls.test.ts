import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { LiteSip, type CliEvent } from './peers/litesip';
import { describeSipp, Sipp } from './peers/sipp';

const LITESIP_PORT = 25070;
const SIPP_UAS_PORT = 25072;
const CALLS = 10;

/** The call ids LiteSIP reported as ended, for calls in `direction`. */
function endedCalls(events: CliEvent[], direction: 'incoming' | 'outgoing'): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    const call = e.data as { id?: string; state?: string; direction?: string } | undefined;
    if (e.event === 'calls:changed' && call?.state === 'ended' && call.direction === direction && call.id) ids.add(call.id);
  }
  return ids;
}

for (const [transport, sippTransport] of [['udp', 'u1'], ['tcp', 't1']] as const) {
  describe(`calls between SIPp and LiteSIP over ${transport.toUpperCase()} (RFC 3261 §13–§15, RFC 3264)`, () => {
    let ns: NetNs;
    let uas: LiteSip;

    beforeAll(async () => {
      ns = NetNs.create('lsip-call');
      uas = LiteSip.start(ns, [
        'run', '--auto-answer', '0', '--user', 'service', '--listen', `udp:127.0.0.1:${LITESIP_PORT}`, '--listen', `tcp:127.0.0.1:${LITESIP_PORT}`,
      ]);
      await uas.waitFor('ready');
    });

    afterAll(async () => {
      await uas?.stop('SIGKILL');
      await ns?.destroy();
    });

    it(`SIPp's uac calls litesip run --auto-answer 0: ${CALLS} calls answered with SDP, ACKed and hung up`, async () => {
      const r = await Sipp.run(ns, {
        scenario: { builtin: 'uac' },
        remote: `127.0.0.1:${LITESIP_PORT}`,
        transport: sippTransport,
        calls: CALLS,
        rate: 10,
        timeoutSeconds: 30,
        traceMessages: true,
        // at most 3 calls at once: LiteSIP answers a 5th concurrent call with 486, and a stall of the
        // machine must not turn into that
        extra: ['-d', '0', '-l', '3'],
      });
      expect(r.code, describeSipp(r)).toBe(0);
      expect(r.stats).toMatchObject({ created: CALLS, successful: CALLS, failed: 0 });
      // RFC 3264 §6: the 200 carries the answer to SIPp's PCMU offer
      expect(r.messages).toMatch(/SIP\/2\.0 200 OK\r?\n(?:.+\r?\n)*Content-Type: application\/sdp[\s\S]*?m=audio \d+ RTP\/S?AVP 0\b/);
      await expect.poll(() => endedCalls(uas.events, 'incoming').size, { timeout: 5000 }).toBe(CALLS);
    });

    it("litesip call reaches SIPp's uas: INVITE, 200 with SDP, ACK, BYE after --duration (exit 0)", async () => {
      const sipp = Sipp.start(ns, { scenario: { builtin: 'uas' }, localPort: SIPP_UAS_PORT, transport: sippTransport, traceMessages: true, statsEverySeconds: 1 });
      const target = `sip:service@127.0.0.1:${SIPP_UAS_PORT}${transport === 'tcp' ? ';transport=tcp' : ''}`;
      const call = await LiteSip.run(ns, ['call', target, '--duration', '1', '--listen', `${transport}:127.0.0.1:0`]);
      await sipp.waitForStats((s) => s.successful + s.failed >= 1, 15_000);
      const r = await sipp.stop();
      expect(call.code, call.stderr).toBe(0);
      expect(call.events.find((e) => e.event === 'call-connected')).toMatchObject({ codec: 'pcmu' });
      expect(endedCalls(call.events, 'outgoing').size).toBe(1);
      // the whole dialog on the wire: ACK for the 200, then a BYE that SIPp answered 200
      const received = (method: string): RegExp => new RegExp(`${transport.toUpperCase()} message received[^\\n]*\\n\\s*${method} sip:`);
      expect(r.messages).toMatch(received('ACK'));
      expect(r.messages).toMatch(received('BYE'));
      expect(r.messages).toMatch(/message sent[^\n]*\n\s*SIP\/2\.0 200 OK\r?\n(?:.+\r?\n)*CSeq: \d+ BYE/);
      // SIPp's uas waits 4 s after the BYE before it counts the call; over TCP, LiteSIP (done and
      // exiting) closes its connection first, which SIPp counts as FailedTcpClosed
      const closedAfterBye = transport === 'tcp' ? (r.stats?.counters.FailedTcpClosed ?? 0) : 0;
      expect((r.stats?.successful ?? 0) + closedAfterBye, describeSipp(r)).toBe(1);
      expect((r.stats?.failed ?? 0) - closedAfterBye, describeSipp(r)).toBe(0);
    });
  });
}
