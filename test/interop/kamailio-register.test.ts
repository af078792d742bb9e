import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { Kamailio } from './peers/kamailio';
import { LiteSip } from './peers/litesip';
import { cseqMethod, flowOf, type DumpedMessage } from './peers/sip-dump';

// Kamailio grants at most this many seconds, less than the 600 LiteSIP asks for (RFC 3261 §10.3 step 7).
const MAX_EXPIRES = 300;

const registers = (wire: DumpedMessage[]): DumpedMessage[] => wire.filter((m) => cseqMethod(m) === 'REGISTER');

describe('litesip register against Kamailio (RFC 3261 §10, §22)', () => {
  let ns: NetNs;
  let kamailio: Kamailio;

  beforeEach(async () => {
    ns = NetNs.create('lsip-reg');
    kamailio = await Kamailio.start(ns, { maxExpires: MAX_EXPIRES });
  });

  afterEach(async () => {
    await kamailio?.stop();
    await ns?.destroy();
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`${transport}: answers the 401 challenge, is registered for the granted expiry, then unregisters (exit 0)`, async () => {
      const r = await LiteSip.run(ns, [
        'register', '--account', 'sip:alice@127.0.0.1', '--password', 'secret', '--proxy', kamailio.uri(transport), '--listen', `${transport}:127.0.0.1:0`,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const registered = r.events.find((e) => e.event === 'registration' && e.state === 'registered');
      expect(registered).toMatchObject({ aor: 'sip:alice@127.0.0.1', expires: MAX_EXPIRES });

      // challenge, credentials, binding; then the binding removed (Expires: 0), all on the asked transport
      const wire = registers(await kamailio.waitForWire((w) => registers(w).filter((m) => m.status === 200).length >= 2));
      expect(flowOf(wire).slice(0, 4)).toEqual(['rcv REGISTER', 'snd 401 REGISTER', 'rcv REGISTER', 'snd 200 REGISTER']);
      const [first, challenge, second, ok] = wire as [DumpedMessage, DumpedMessage, DumpedMessage, DumpedMessage];
      expect(wire.every((m) => m.proto.startsWith(transport)), flowOf(wire).join('\n')).toBe(true);
      expect(first.headers.has('authorization')).toBe(false);
      expect(challenge.headers.get('www-authenticate')?.[0]).toMatch(/^Digest realm="127\.0\.0\.1"/);
      expect(second.headers.get('authorization')?.[0]).toMatch(/^Digest .*username="alice"/);
      expect(second.headers.get('authorization')?.[0]).toMatch(/realm="127\.0\.0\.1"/);
      expect(ok.headers.get('contact')?.[0]).toMatch(new RegExp(`;expires=${MAX_EXPIRES}\\b`));
      const removal = wire.slice(4).find((m) => m.tag === 'rcv' && m.headers.get('expires')?.[0] === '0');
      expect(removal, flowOf(wire).join('\n')).toBeDefined();
      expect(wire.at(-1)?.status).toBe(200);
    });
  }

  it('wrong password: exit 1 with the 401 reason, after one retry with credentials', async () => {
    const r = await LiteSip.run(ns, [
      'register', '--account', 'sip:alice@127.0.0.1', '--password', 'not-the-secret', '--proxy', kamailio.uri(), '--listen', 'udp:127.0.0.1:0',
    ]);
    expect(r.code).toBe(1);
    const failed = r.events.find((e) => e.event === 'registration' && e.state === 'failed');
    expect(failed?.reason).toMatch(/^40[13] /);
    const wire = registers(await kamailio.waitForWire((w) => registers(w).length >= 4));
    // RFC 3261 §22.2: credentials rejected once are not sent again in a loop
    expect(flowOf(wire)).toEqual(['rcv REGISTER', 'snd 401 REGISTER', 'rcv REGISTER', 'snd 401 REGISTER']);
    expect(wire[2]?.headers.get('authorization')?.[0]).toMatch(/username="alice"/);
  });
});
