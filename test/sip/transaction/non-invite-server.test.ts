import { beforeEach, describe, expect, it } from 'vitest';
import { NonInviteServerTransaction } from '../../../main/sip/transaction';
import { VirtualClock } from '../../helpers/virtual-clock';
import { ALICE, RecordingTransport, RecordingUser, request, response, settle } from './harness';

describe('non-INVITE server transaction (RFC 3261 §17.2.2)', () => {
  let clock: VirtualClock;
  let user: RecordingUser;

  beforeEach(() => {
    clock = new VirtualClock();
    user = new RecordingUser(clock);
  });

  function start(reliable = false): { tx: NonInviteServerTransaction; transport: RecordingTransport } {
    const transport = new RecordingTransport(clock, reliable);
    const tx = new NonInviteServerTransaction({ clock, transport }, request({ method: 'MESSAGE' }), ALICE, user);
    return { tx, transport };
  }

  const retransmission = () => request({ method: 'MESSAGE' });

  it('Trying: retransmissions are discarded; nothing is sent on its own', () => {
    const { tx, transport } = start();
    expect(tx.state).toBe('trying');
    tx.receiveRequest(retransmission());
    clock.advance(10_000);
    expect(transport.sent).toHaveLength(0);
    expect(tx.state).toBe('trying');
  });

  it('a 1xx moves to Proceeding; retransmissions get the latest provisional response again', () => {
    const { tx, transport } = start();
    clock.advance(100);
    expect(tx.respond(response(tx.request, 100))).toBe(true);
    expect(tx.state).toBe('proceeding');
    clock.advance(400);
    tx.receiveRequest(retransmission());
    expect(transport.lines()).toEqual(['100 SIP/2.0 100 Trying', '500 SIP/2.0 100 Trying']);
  });

  it('a final response moves to Completed; retransmissions get it again; Timer J ends it at 64*T1 over UDP', () => {
    const { tx, transport } = start();
    tx.respond(response(tx.request, 100));
    clock.advance(1000);
    tx.respond(response(tx.request, 202));
    expect(tx.state).toBe('completed');
    clock.advance(1000);
    tx.receiveRequest(retransmission());
    expect(tx.respond(response(tx.request, 500))).toBe(false);
    expect(tx.respond(response(tx.request, 180))).toBe(false);
    clock.advance(30_999);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(transport.lines()).toEqual(['0 SIP/2.0 100 Trying', '1000 SIP/2.0 202 Accepted', '2000 SIP/2.0 202 Accepted']);
    expect(transport.sent.every((s) => s.destination === ALICE)).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('a final response straight from Trying completes too', () => {
    const { tx, transport } = start();
    tx.respond(response(tx.request, 415));
    expect(tx.state).toBe('completed');
    expect(transport.lines()).toEqual(['0 SIP/2.0 415 Unsupported Media Type']);
  });

  it('Timer J is zero over a reliable transport', () => {
    const { tx } = start(true);
    tx.respond(response(tx.request, 200));
    expect(tx.state).toBe('completed');
    clock.advance(0);
    expect(tx.state).toBe('terminated');
  });

  it('a transport error terminates and informs the TU', async () => {
    const { tx, transport } = start();
    transport.failure = new Error('ECONNRESET');
    tx.respond(response(tx.request, 200));
    await settle();
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['0 transport-error 503']);
    expect(clock.pending()).toBe(0);
  });
});
