import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetNs } from '../helpers/netns';
import { LiteSip } from './peers/litesip';
import { describeSipp, Sipp } from './peers/sipp';

const TARGET_PORT = 25183;
const SIPP_PORT = 25184;

describe('LiteSIP follows a 302 from SIPp to the forwarding target (RFC 5638 §3.1, RFC 3261 §8.1.3.4)', () => {
  let ns: NetNs;
  let target: LiteSip;

  beforeAll(async () => {
    ns = NetNs.create('lsip-redirect');
    target = LiteSip.start(ns, ['run', '--auto-answer', '0', '--user', 'bob', '--listen', `udp:127.0.0.1:${TARGET_PORT}`]);
    await target.waitFor('ready');
  });

  afterAll(async () => {
    await target?.stop('SIGKILL');
    await ns?.destroy();
  });

  it('ACKs the 302, calls the Contact with the Diversion copied, and both ends show whom the call came through', async () => {
    const bob = `sip:bob@127.0.0.1:${TARGET_PORT}`;
    const desk = `sip:desk@127.0.0.1:${SIPP_PORT}`;
    const sipp = Sipp.start(ns, { scenario: { file: 'redirect-302' }, localPort: SIPP_PORT, traceMessages: true, calls: 1, extra: ['-key', 'target', bob] });
    const call = await LiteSip.run(ns, ['call', `sip:desk@127.0.0.1:${SIPP_PORT}`, '--duration', '1', '--listen', 'udp:127.0.0.1:0']);
    const r = await sipp.finished();
    expect(r.code, describeSipp(r)).toBe(0);
    expect(r.messages).toMatch(/message received[^\n]*\n\s*ACK sip:desk@/);
    expect(call.code, call.stderr).toBe(0);
    const connected = call.events.find((e) => e.event === 'calls:changed' && (e.data as { state?: string }).state === 'connected')?.data;
    expect(connected).toMatchObject({ peer: bob, forwardedFrom: desk });
    const atBob = await target.waitFor('calls:changed', (e) => (e.data as { state?: string }).state === 'connected');
    expect(atBob.data).toMatchObject({ direction: 'incoming', forwardedFrom: desk });
  });
});
