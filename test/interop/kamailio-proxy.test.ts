import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { Kamailio } from './peers/kamailio';
import { LiteSip, registrationsOf, type CliEvent } from './peers/litesip';
import { cseqMethod, flowOf, type DumpedMessage } from './peers/sip-dump';

const ALICE_PORT = 25080;
const ALICE_CONTACT = `127.0.0.1:${ALICE_PORT}`;
// A short binding, so the test sees alice refresh it (RFC 3261 §10.2.4)
const MAX_EXPIRES = 20;

/** `litesip options` as bob, through Kamailio, to alice's AOR. */
async function bobAsksAlice(ns: NetNs, kamailio: Kamailio): Promise<{ code: number | string; result: CliEvent | undefined; stderr: string }> {
  const r = await LiteSip.run(ns, [
    'options', `sip:alice@127.0.0.1:${kamailio.port}`,
    '--account', 'sip:bob@127.0.0.1', '--password', 'secret', '--proxy', kamailio.uri(), '--listen', 'udp:127.0.0.1:0',
  ]);
  return { code: r.code, result: r.events.find((e) => e.event === 'options'), stderr: r.stderr };
}

describe('litesip run registered with Kamailio, reached through it (RFC 3261 §10, §11, §16, §22.3)', () => {
  let ns: NetNs;
  let kamailio: Kamailio;
  let alice: LiteSip;

  beforeAll(async () => {
    ns = NetNs.create('lsip-proxy');
    kamailio = await Kamailio.start(ns, { maxExpires: MAX_EXPIRES });
    alice = LiteSip.start(ns, [
      'run', '--account', 'sip:alice@127.0.0.1', '--password', 'secret', '--proxy', kamailio.uri(), '--listen', `udp:${ALICE_CONTACT}`,
    ]);
  });

  afterAll(async () => {
    await alice?.stop('SIGKILL');
    await kamailio?.stop();
    await ns?.destroy();
  });

  it('registers its Contact with Kamailio for the granted expiry', async () => {
    const status = await alice.waitFor('app:status', (e) => registrationsOf(e).some((r) => r.state === 'registered'));
    expect(registrationsOf(status)[0]).toMatchObject({ aor: 'sip:alice@127.0.0.1', state: 'registered', expires: MAX_EXPIRES });
    const wire = await kamailio.waitForWire((w) => w.some((m) => m.status === 200 && cseqMethod(m) === 'REGISTER'));
    const ok = wire.find((m) => m.status === 200 && cseqMethod(m) === 'REGISTER');
    expect(ok?.headers.get('contact')?.[0]).toContain(`<sip:alice@${ALICE_CONTACT}>`);
  });

  it("answers bob's OPTIONS that Kamailio forwards to its Contact after bob answered the 407", async () => {
    const { code, result, stderr } = await bobAsksAlice(ns, kamailio);
    expect(code, stderr).toBe(0);
    expect(result).toMatchObject({ status: 200, server: expect.stringMatching(/^LiteSIP\//), allow: expect.stringContaining('OPTIONS') });

    const wire = await kamailio.waitForWire((w) => w.filter((m) => cseqMethod(m) === 'OPTIONS').length >= 6);
    const options = wire.filter((m) => cseqMethod(m) === 'OPTIONS');
    expect(flowOf(options)).toEqual(['rcv OPTIONS', 'snd 407 OPTIONS', 'rcv OPTIONS', 'snd OPTIONS', 'rcv 200 OPTIONS', 'snd 200 OPTIONS']);
    const [first, challenge, second, forwarded, answer] = options as DumpedMessage[];
    expect(first?.headers.has('proxy-authorization')).toBe(false);
    expect(challenge?.headers.get('proxy-authenticate')?.[0]).toMatch(/^Digest realm="127\.0\.0\.1"/);
    // RFC 3261 §22.3: the retry carries Proxy-Authorization for the realm that challenged
    expect(second?.headers.get('proxy-authorization')?.[0]).toMatch(/^Digest .*username="bob"/);
    expect(second?.headers.get('proxy-authorization')?.[0]).toMatch(/realm="127\.0\.0\.1"/);
    // the proxy retargets to the registered Contact (RFC 3261 §16.5) and alice answers it
    expect(forwarded?.startLine).toBe(`OPTIONS sip:alice@${ALICE_CONTACT} SIP/2.0`);
    expect(forwarded?.dst).toBe(ALICE_CONTACT);
    expect(answer?.src).toBe(ALICE_CONTACT);
    expect(answer?.headers.get('server')?.[0]).toMatch(/^LiteSIP\//);
  });

  it('stays registered: refreshes the binding before it expires, same Call-ID, higher CSeq', async () => {
    const ours = (w: DumpedMessage[]): DumpedMessage[] => w.filter((m) => m.tag === 'rcv' && m.method === 'REGISTER' && m.src === ALICE_CONTACT);
    const granted = (w: DumpedMessage[]): DumpedMessage[] =>
      w.filter((m) => m.tag === 'snd' && m.status === 200 && cseqMethod(m) === 'REGISTER' && m.dst === ALICE_CONTACT);
    const wire = await kamailio.waitForWire((w) => granted(w).length >= 2, MAX_EXPIRES * 1000);
    expect(granted(wire).length, flowOf(wire).join('\n')).toBeGreaterThanOrEqual(2);
    const sent = ours(wire);
    expect(new Set(sent.map((m) => m.headers.get('call-id')?.[0])).size).toBe(1);
    const seqs = sent.map((m) => Number(m.headers.get('cseq')?.[0]?.split(' ')[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(registrationsOf(alice.events.filter((e) => e.event === 'app:status').at(-1)!)[0]?.state).toBe('registered');
  });

  it('unregisters on SIGTERM: the next OPTIONS through Kamailio finds no binding (404)', async () => {
    const removal = (w: DumpedMessage[]): DumpedMessage | undefined =>
      w.find((m) => m.tag === 'rcv' && m.method === 'REGISTER' && m.headers.get('expires')?.[0] === '0' && m.src === ALICE_CONTACT);
    expect(await alice.stop('SIGTERM')).toBe(0);
    expect(alice.events.some((e) => e.event === 'stopped')).toBe(true);
    const wire = await kamailio.waitForWire((w) => removal(w) !== undefined);
    const sent = removal(wire);
    expect(sent, flowOf(wire).join('\n')).toBeDefined();
    const callId = sent?.headers.get('call-id')?.[0];
    const answered = wire.filter((m) => m.tag === 'snd' && m.headers.get('call-id')?.[0] === callId && m.status !== undefined).at(-1);
    expect(answered?.status).toBe(200);

    const { code, result } = await bobAsksAlice(ns, kamailio);
    expect(code).toBe(1);
    expect([404, 480]).toContain(result?.status);
  });
});
