import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { LiteSip } from './peers/litesip';
import { describeSipp, Sipp } from './peers/sipp';

const RINGING_PORT = 25080;
const ANSWERING_PORT = 25082;

/** How many times SIPp received `statusLine` for CSeq `cseq` (from its -trace_msg log). */
function received(messages: string, statusLine: string, cseq: string): number {
  return messages.split(/^-{20,}.*$/m).filter((m) => /message received/.test(m) && m.includes(statusLine) && new RegExp(`^CSeq: ${cseq}\\s*$`, 'm').test(m)).length;
}

for (const [transport, sippTransport] of [['udp', 'u1'], ['tcp', 't1']] as const) {
  describe(`SIPp call flows against LiteSIP over ${transport.toUpperCase()}`, () => {
    let ns: NetNs;
    let ringing: LiteSip;
    let answering: LiteSip;

    beforeAll(async () => {
      ns = NetNs.create('lsip-flow');
      const listen = (port: number): string[] => ['--listen', `udp:127.0.0.1:${port}`, '--listen', `tcp:127.0.0.1:${port}`];
      ringing = LiteSip.start(ns, ['run', '--user', 'alice', ...listen(RINGING_PORT)]);
      answering = LiteSip.start(ns, ['run', '--auto-answer', '0', '--user', 'alice', ...listen(ANSWERING_PORT)]);
      await Promise.all([ringing.waitFor('ready'), answering.waitFor('ready')]);
    });

    afterAll(async () => {
      await ringing?.stop('SIGKILL');
      await answering?.stop('SIGKILL');
      await ns?.destroy();
    });

    it('CANCEL of a ringing INVITE: 200 to the CANCEL, 487 to the INVITE, ACKed (RFC 3261 §9.2)', async () => {
      const r = await Sipp.run(ns, { scenario: { file: 'cancel-ringing' }, remote: `127.0.0.1:${RINGING_PORT}`, transport: sippTransport, calls: 1, timeoutSeconds: 15, traceMessages: true });
      expect(r.code, describeSipp(r)).toBe(0);
      expect(r.stats).toMatchObject({ successful: 1, failed: 0 });
      expect(received(r.messages, 'SIP/2.0 200 OK', '1 CANCEL')).toBe(1);
      expect(received(r.messages, 'SIP/2.0 487 Request Terminated', '1 INVITE')).toBeGreaterThanOrEqual(1);
      await expect.poll(() => ringing.events.some((e) => e.event === 'calls:changed' && (e.data as { state?: string }).state === 'ended')).toBe(true);
    });

    it('a second INVITE with the same From tag, Call-ID and CSeq is a merged request: 482 (RFC 3261 §8.2.2.2)', async () => {
      const r = await Sipp.run(ns, { scenario: { file: 'merged-request' }, remote: `127.0.0.1:${RINGING_PORT}`, transport: sippTransport, calls: 1, timeoutSeconds: 15, traceMessages: true });
      expect(r.code, describeSipp(r)).toBe(0);
      expect(r.stats).toMatchObject({ successful: 1, failed: 0 });
      expect(received(r.messages, 'SIP/2.0 482 ', '1 INVITE')).toBe(1);
      expect(received(r.messages, 'SIP/2.0 487 Request Terminated', '1 INVITE')).toBeGreaterThanOrEqual(1);
    });

    it('re-INVITE with a=sendonly puts the call on hold: 200 with a=recvonly (RFC 3264 §8.4)', async () => {
      const r = await Sipp.run(ns, { scenario: { file: 'reinvite-hold' }, remote: `127.0.0.1:${ANSWERING_PORT}`, transport: sippTransport, calls: 1, timeoutSeconds: 15, traceMessages: true });
      expect(r.code, describeSipp(r)).toBe(0);
      expect(r.stats).toMatchObject({ successful: 1, failed: 0 });
      expect(r.log).toMatch(/hold answer: a=(recvonly|inactive)/);
      expect(received(r.messages, 'SIP/2.0 200 OK', '3 BYE')).toBe(1);
      expect(answering.events.some((e) => e.event === 'calls:changed' && (e.data as { remoteHeld?: boolean }).remoteHeld === true)).toBe(true);
    });

    it('INVITE without SDP: the offer comes in the 200, the answer in the ACK, then BYE (RFC 3264 §4, RFC 3261 §13.3.1.4)', async () => {
      const holdAckMs = transport === 'udp' ? 1600 : 0;
      const r = await Sipp.run(ns, {
        scenario: { file: 'late-offer' },
        remote: `127.0.0.1:${ANSWERING_PORT}`,
        transport: sippTransport,
        calls: 1,
        timeoutSeconds: 15,
        traceMessages: true,
        extra: ['-d', String(holdAckMs)],
      });
      expect(r.code, describeSipp(r)).toBe(0);
      expect(r.stats).toMatchObject({ successful: 1, failed: 0 });
      expect(r.log).toMatch(/offer: m=audio \d+ RTP\/S?AVP/);
      expect(received(r.messages, 'SIP/2.0 200 OK', '2 BYE')).toBe(1);
      // over UDP the 200 was resent (T1, then 2*T1) while the ACK was held back
      if (transport === 'udp') expect(received(r.messages, 'SIP/2.0 200 OK', '1 INVITE')).toBeGreaterThanOrEqual(2);
    });
  });
}
