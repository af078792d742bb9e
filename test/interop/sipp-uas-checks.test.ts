import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { LiteSip } from './peers/litesip';
import { describeSipp, Sipp } from './peers/sipp';

const PORT = 25080;

/** Each SIPp scenario in test/interop/scenarios checks the response's headers itself (check_it). */
const CASES: { scenario: string; what: string; statusLine: RegExp; log?: RegExp }[] = [
  { scenario: 'options', what: 'OPTIONS → 200 with Allow, Accept, Supported (RFC 3261 §11.2)', statusLine: /^SIP\/2\.0 200 OK$/m, log: /allow=.*OPTIONS/ },
  { scenario: 'unknown-method', what: 'an unknown method → 501 (RFC 3261 §8.2.1)', statusLine: /^SIP\/2\.0 501 Not Implemented$/m },
  { scenario: 'require-unsupported', what: 'Require: foo → 420 with Unsupported: foo (RFC 3261 §8.2.2.3)', statusLine: /^SIP\/2\.0 420 /m, log: /unsupported= *foo/ },
  { scenario: 'malformed', what: 'a bad Max-Forwards value → 400 naming the fault (RFC 3261 §21.4.1)', statusLine: /^SIP\/2\.0 400 .*Max-Forwards/m, log: /reason=.*Max-Forwards/ },
  { scenario: 'max-forwards-zero-cancel', what: 'Max-Forwards: 0 → 483 (RFC 3261 §16.3 item 2)', statusLine: /^SIP\/2\.0 483 /m },
  { scenario: 'cancel-unknown', what: 'a CANCEL matching no transaction → 481 (RFC 3261 §9.2)', statusLine: /^SIP\/2\.0 481 /m },
  { scenario: 'max-forwards-zero-invite', what: 'an INVITE with Max-Forwards: 0 → 483, ACKed (RFC 3261 §16.3 item 2, §17.2.1)', statusLine: /^SIP\/2\.0 483 /m },
  { scenario: 'bye-unknown-dialog', what: 'a BYE for an unknown dialog → 481 (RFC 3261 §15.1.2)', statusLine: /^SIP\/2\.0 481 /m },
  { scenario: 'invite-no-usable-media', what: 'an offer with no usable media → 488 with Warning (RFC 3264 §6, RFC 3261 §21.4.26)', statusLine: /^SIP\/2\.0 488 /m, log: /warning= *3\d\d/ },
  { scenario: 'invite-unsupported-body', what: 'a text/plain body in an INVITE → 415 with Accept (RFC 3261 §8.2.3)', statusLine: /^SIP\/2\.0 415 /m, log: /accept=.*application\/sdp/ },
  { scenario: 'unsupported-uri-scheme', what: 'a mailto: Request-URI → 416 (RFC 3261 §8.2.2.1)', statusLine: /^SIP\/2\.0 416 /m },
  { scenario: 'unsupported-version', what: 'SIP/3.0 → 505 (RFC 3261 §21.5.6)', statusLine: /^SIP\/2\.0 505 /m },
];

for (const [transport, sippTransport] of [['udp', 'u1'], ['tcp', 't1']] as const) {
  describe(`SIPp requests to litesip run over ${transport.toUpperCase()} (RFC 3261 §8.2 UAS checks)`, () => {
    let ns: NetNs;
    let alice: LiteSip;

    beforeAll(async () => {
      ns = NetNs.create('lsip-sipp');
      alice = LiteSip.start(ns, ['run', '--user', 'alice', '--listen', `udp:127.0.0.1:${PORT}`, '--listen', `tcp:127.0.0.1:${PORT}`]);
      await alice.waitFor('ready');
    });

    afterAll(async () => {
      await alice?.stop('SIGKILL');
      await ns?.destroy();
    });

    for (const c of CASES) {
      it(c.what, async () => {
        const r = await Sipp.run(ns, {
          scenario: { file: c.scenario },
          remote: `127.0.0.1:${PORT}`,
          transport: sippTransport,
          calls: 1,
          timeoutSeconds: 15,
          traceMessages: true,
        });
        expect(r.code, describeSipp(r)).toBe(0);
        expect(r.stats).toMatchObject({ created: 1, successful: 1, failed: 0 });
        expect(r.messages).toMatch(c.statusLine);
        expect(r.messages).toContain(`${transport.toUpperCase()} message received`);
        if (c.log) expect(r.log).toMatch(c.log);
      });
    }

    it('is still up and answering after all of that', async () => {
      expect(alice.child.exitCode).toBeNull();
      const r = await Sipp.run(ns, { scenario: { file: 'options' }, remote: `127.0.0.1:${PORT}`, transport: sippTransport, calls: 5, rate: 50, timeoutSeconds: 15 });
      expect(r.stats?.successful, describeSipp(r)).toBe(5);
    });
  });
}
