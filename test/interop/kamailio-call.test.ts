import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { Kamailio } from './peers/kamailio';
import { LiteSip, registrationsOf } from './peers/litesip';
import { cseqMethod, flowOf, type DumpedMessage } from './peers/sip-dump';

const ALICE_PORT = 25080;

for (const transport of ['udp', 'tcp'] as const) {
  describe(`a call between two LiteSIPs through Kamailio over ${transport.toUpperCase()} (RFC 3261 §12, §16, §22.3)`, () => {
    let ns: NetNs;
    let kamailio: Kamailio;
    let alice: LiteSip;

    beforeAll(async () => {
      ns = NetNs.create('lsip-kcall');
      kamailio = await Kamailio.start(ns);
      alice = LiteSip.start(ns, [
        'run', '--auto-answer', '0', '--account', 'sip:alice@127.0.0.1', '--password', 'secret', '--proxy', kamailio.uri(transport),
        '--listen', `${transport}:127.0.0.1:${ALICE_PORT}`,
      ]);
      await alice.waitFor('app:status', (e) => registrationsOf(e).some((r) => r.state === 'registered'));
    });

    afterAll(async () => {
      await alice?.stop('SIGKILL');
      await kamailio?.stop();
      await ns?.destroy();
    });

    it('bob answers the 407, alice auto-answers, ACK and BYE follow the Record-Route set', async () => {
      const call = await LiteSip.run(ns, [
        'call', `sip:alice@127.0.0.1:${kamailio.port}${transport === 'tcp' ? ';transport=tcp' : ''}`, '--duration', '1',
        '--account', 'sip:bob@127.0.0.1', '--password', 'secret', '--proxy', kamailio.uri(transport), '--listen', `${transport}:127.0.0.1:0`,
      ]);
      expect(call.code, call.stderr).toBe(0);
      expect(call.events.some((e) => e.event === 'call-connected')).toBe(true);
      expect(call.events.find((e) => e.event === 'call-ended')).toMatchObject({ reason: 'hung up' });

      const inDialog = (w: DumpedMessage[]): DumpedMessage[] => w.filter((m) => ['INVITE', 'ACK', 'BYE'].includes(cseqMethod(m) ?? ''));
      const wire = inDialog(await kamailio.waitForWire((w) => inDialog(w).some((m) => m.status === 200 && cseqMethod(m) === 'BYE' && m.tag === 'snd')));
      const flow = flowOf(wire);
      expect(wire.every((m) => m.proto.startsWith(transport)), flow.join('\n')).toBe(true);
      // RFC 3261 §22.3: challenged with 407, the INVITE is resent with Proxy-Authorization (the 407 is ACKed, §17.1.1.3)
      expect(flow.slice(0, 4), flow.join('\n')).toEqual(['rcv INVITE', 'snd 407 INVITE', 'rcv ACK', 'rcv INVITE']);
      const authorized = wire[3];
      expect(authorized?.headers.get('proxy-authorization')?.[0]).toMatch(/^Digest .*username="bob"/);
      const forwarded = wire.find((m) => m.tag === 'snd' && m.method === 'INVITE');
      expect(forwarded?.startLine).toBe(`INVITE sip:alice@127.0.0.1:${ALICE_PORT}${transport === 'tcp' ? ';transport=tcp' : ''} SIP/2.0`);
      expect(forwarded?.headers.get('record-route')?.[0]).toMatch(/^<sip:127\.0\.0\.1(:\d+)?;.*lr/);
      // RFC 3261 §12.1.1: alice's 2xx copies the Record-Route; §12.2.1.1: bob's ACK and BYE go to her Contact via the route set
      const ok = wire.find((m) => m.tag === 'rcv' && m.status === 200 && cseqMethod(m) === 'INVITE');
      expect(ok?.headers.get('record-route')).toEqual(forwarded?.headers.get('record-route'));
      expect(ok?.headers.get('content-type')?.[0]).toBe('application/sdp');
      for (const method of ['ACK', 'BYE']) {
        const fromBob = wire.find((m) => m.tag === 'rcv' && m.method === method && m.headers.has('route'));
        expect(fromBob, `${method} with Route\n${flow.join('\n')}`).toBeDefined();
        expect(fromBob?.startLine).toMatch(new RegExp(`^${method} sip:alice@127\\.0\\.0\\.1:${ALICE_PORT}\\b`));
        expect(wire.some((m) => m.tag === 'snd' && m.method === method && m.dst === `127.0.0.1:${ALICE_PORT}`)).toBe(true);
      }
      expect(wire.filter((m) => m.status === 200 && cseqMethod(m) === 'BYE').map((m) => m.tag)).toEqual(['rcv', 'snd']);
    });
  });
}
