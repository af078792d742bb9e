import { beforeEach, describe, expect, it } from 'vitest';
import { InviteServerTransaction } from '../../../main/sip/transaction';
import { VirtualClock } from '../../helpers/virtual-clock';
import { ALICE, RecordingTransport, RecordingUser, request, response, settle } from './harness';

describe('INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 §7.1)', () => {
  let clock: VirtualClock;
  let user: RecordingUser;

  beforeEach(() => {
    clock = new VirtualClock();
    user = new RecordingUser(clock);
  });

  function start(reliable = false, retransmit2xx = true): { tx: InviteServerTransaction; transport: RecordingTransport } {
    const transport = new RecordingTransport(clock, reliable);
    const tx = new InviteServerTransaction({ clock, transport }, request(), ALICE, user, { retransmit2xx });
    tx.start();
    return { tx, transport };
  }

  const ack = (toTag = '8321234356') => request({ method: 'ACK', toTag });

  it('sends 100 Trying at 200 ms when the TU has not answered, built per §8.2.6 without a To tag', () => {
    const { tx, transport } = start();
    clock.advance(199);
    expect(transport.sent).toHaveLength(0);
    clock.advance(1);
    expect(transport.lines()).toEqual(['200 SIP/2.0 100 Trying']);
    expect(transport.sent[0]?.destination).toBe(ALICE);
    const trying = transport.sent[0]!.message;
    expect(trying.toTag).toBeUndefined();
    expect(trying.getHeader('Via')).toBe(tx.request.getHeader('Via'));
    expect(trying.cseq).toEqual({ seq: 1, method: 'INVITE' });
    expect(tx.state).toBe('proceeding');
  });

  it('sends no 100 Trying when the TU answers within 200 ms', () => {
    const { tx, transport } = start();
    clock.advance(150);
    expect(tx.respond(response(tx.request, 180))).toBe(true);
    clock.advance(10_000);
    expect(transport.lines()).toEqual(['150 SIP/2.0 180 Ringing']);
  });

  it('Proceeding: provisional responses go out once each; a retransmitted INVITE gets the latest again', () => {
    const { tx, transport } = start();
    tx.receiveRequest(request()); // before any response: nothing to resend
    clock.advance(300);
    tx.receiveRequest(request());
    tx.respond(response(tx.request, 180));
    clock.advance(100);
    tx.receiveRequest(request());
    expect(transport.lines()).toEqual(['200 SIP/2.0 100 Trying', '300 SIP/2.0 100 Trying', '300 SIP/2.0 180 Ringing', '400 SIP/2.0 180 Ringing']);
  });

  it('a 300-699 over UDP: Timer G doubles up to T2 (0.5, 1.5, 3.5, 7.5, 11.5 ... s after); Timer H fails it at 32 s', () => {
    const { tx, transport } = start();
    clock.advance(1000);
    tx.respond(response(tx.request, 486));
    expect(tx.state).toBe('completed');
    clock.advance(31_999);
    expect(transport.timesOf('SIP/2.0 486').map((t) => t - 1000)).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(user.events).toEqual([]);
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['33000 timeout H 408']);
    expect(clock.pending()).toBe(0);
  });

  it('Completed: a retransmitted INVITE gets the final response again; a second final response is refused', () => {
    const { tx, transport } = start(true);
    tx.respond(response(tx.request, 404));
    expect(tx.respond(response(tx.request, 500))).toBe(false);
    expect(tx.respond(response(tx.request, 200))).toBe(false);
    clock.advance(2000);
    tx.receiveRequest(request());
    expect(transport.lines()).toEqual(['0 SIP/2.0 404 Not Found', '2000 SIP/2.0 404 Not Found']);
  });

  it('over a reliable transport: no Timer G; Timer H still at 64*T1', () => {
    const { tx, transport } = start(true);
    tx.respond(response(tx.request, 486));
    clock.advance(32_000);
    expect(transport.timesOf('SIP/2.0 486')).toEqual([0]);
    expect(user.events).toEqual(['32000 timeout H 408']);
  });

  it('the ACK moves Completed to Confirmed: Timer G stops, ACKs and INVITEs are absorbed, Timer I ends it after T4', () => {
    const { tx, transport } = start();
    tx.respond(response(tx.request, 486));
    clock.advance(600);
    tx.receiveRequest(ack());
    expect(tx.state).toBe('confirmed');
    tx.receiveRequest(ack());
    tx.receiveRequest(request());
    clock.advance(4999);
    expect(tx.state).toBe('confirmed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(transport.timesOf('SIP/2.0 486')).toEqual([0, 500]);
    expect(user.events).toEqual([]); // the ACK for a non-2xx stays in the transaction
    expect(clock.pending()).toBe(0);
  });

  it('Timer I is zero over a reliable transport', () => {
    const { tx } = start(true);
    tx.respond(response(tx.request, 486));
    tx.receiveRequest(ack());
    clock.advance(0);
    expect(tx.state).toBe('terminated');
  });

  it('RFC 6026: a 2xx moves to Accepted; it is retransmitted at T1 doubling to T2 until the ACK, which goes to the TU', () => {
    const { tx, transport } = start();
    clock.advance(100);
    tx.respond(response(tx.request, 200));
    expect(tx.state).toBe('accepted');
    clock.advance(5000);
    tx.receiveRequest(request()); // INVITE retransmission: absorbed
    tx.receiveRequest(ack());
    clock.advance(20_000);
    expect(transport.timesOf('SIP/2.0 200')).toEqual([100, 600, 1600, 3600]);
    expect(user.events).toEqual(['5100 ack']);
    expect(tx.state).toBe('accepted');
    clock.advance(6999);
    expect(tx.state).toBe('accepted');
    clock.advance(1);
    expect(tx.state).toBe('terminated'); // Timer L: 32 s after the 2xx
    expect(user.events).toEqual(['5100 ack']);
  });

  it('RFC 6026: in Accepted, 2xx from the TU are sent and anything else refused', () => {
    const { tx, transport } = start(false, false);
    tx.respond(response(tx.request, 200));
    clock.advance(1000);
    expect(tx.respond(response(tx.request, 200))).toBe(true);
    expect(tx.respond(response(tx.request, 180))).toBe(false);
    expect(tx.respond(response(tx.request, 486))).toBe(false);
    expect(transport.lines()).toEqual(['0 SIP/2.0 200 OK', '1000 SIP/2.0 200 OK']);
  });

  it('§13.3.1.4: no ACK for the 2xx within 64*T1: retransmission gives up and the TU hears Timer L', () => {
    const { tx, transport } = start();
    tx.respond(response(tx.request, 200));
    clock.advance(32_000);
    expect(transport.timesOf('SIP/2.0 200')).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['32000 timeout L 408']);
  });

  it('with 2xx retransmission off, the transaction only absorbs until Timer L and reports nothing', () => {
    const { tx, transport } = start(false, false);
    tx.respond(response(tx.request, 200));
    clock.advance(32_000);
    expect(transport.lines()).toEqual(['0 SIP/2.0 200 OK']);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual([]);
  });

  it('a transport error in Proceeding terminates and informs the TU', async () => {
    const { tx, transport } = start();
    transport.failure = new Error('connection reset');
    tx.respond(response(tx.request, 180));
    await settle();
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['0 transport-error 503']);
  });

  it('a transport error in Accepted is reported, stops 2xx retransmission and keeps the state', async () => {
    const { tx, transport } = start();
    transport.failure = new Error('connection reset');
    tx.respond(response(tx.request, 200));
    await settle();
    expect(tx.state).toBe('accepted');
    clock.advance(32_000);
    expect(transport.sent).toHaveLength(1);
    expect(user.events).toEqual(['0 transport-error 503']);
    expect(tx.state).toBe('terminated');
  });
});
