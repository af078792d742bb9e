import { beforeEach, describe, expect, it } from 'vitest';
import { InviteClientTransaction } from '../../../main/sip/transaction';
import { VirtualClock } from '../../helpers/virtual-clock';
import { BOB, RecordingClientUser, RecordingTransport, request, response, settle } from './harness';

describe('INVITE client transaction (RFC 3261 §17.1.1, RFC 6026 §7.2)', () => {
  let clock: VirtualClock;
  let user: RecordingClientUser;

  beforeEach(() => {
    clock = new VirtualClock();
    user = new RecordingClientUser(clock);
  });

  function start(reliable = false, t1?: number): { tx: InviteClientTransaction; transport: RecordingTransport } {
    const transport = new RecordingTransport(clock, reliable);
    const tx = new InviteClientTransaction({ clock, transport, timerSettings: t1 ? { t1 } : {} }, request(), BOB, user);
    tx.start();
    return { tx, transport };
  }

  it('Calling over UDP: Timer A retransmits at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s (doubling, no T2 cap); Timer B times out at 32 s', () => {
    const { tx, transport } = start();
    expect(tx.state).toBe('calling');
    clock.advance(31_999);
    expect(transport.timesOf('INVITE')).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(user.events).toEqual([]);
    clock.advance(1);
    expect(user.events).toEqual(['32000 timeout B 408']);
    expect(tx.state).toBe('terminated');
    clock.advance(100_000);
    expect(transport.sent).toHaveLength(7);
    expect(clock.pending()).toBe(0);
  });

  it('sends every copy to the same destination', () => {
    const { transport } = start();
    clock.advance(2000);
    expect(transport.sent.map((s) => s.destination)).toEqual([BOB, BOB, BOB]);
    expect(transport.sent.every((s) => s.message === transport.sent[0]?.message)).toBe(true);
  });

  it('Calling over a reliable transport: no Timer A, Timer B still fires at 32 s', () => {
    const { transport } = start(true);
    clock.advance(32_000);
    expect(transport.timesOf('INVITE')).toEqual([0]);
    expect(user.events).toEqual(['32000 timeout B 408']);
  });

  it('follows a configured T1: retransmits at T1, 3*T1, 7*T1 and times out at 64*T1', () => {
    const { transport } = start(false, 100);
    clock.advance(6400);
    expect(transport.timesOf('INVITE')).toEqual([0, 100, 300, 700, 1500, 3100, 6300]);
    expect(user.events).toEqual(['6400 timeout B 408']);
  });

  it('a 1xx moves Calling to Proceeding: passed up, retransmissions stop, Timer B no longer fires', () => {
    const { tx, transport } = start();
    clock.advance(600);
    tx.receiveResponse(response(tx.request, 100));
    clock.advance(400);
    tx.receiveResponse(response(tx.request, 180));
    expect(tx.state).toBe('proceeding');
    clock.advance(200_000);
    expect(transport.timesOf('INVITE')).toEqual([0, 500]);
    expect(user.events).toEqual(['600 response 100', '1000 response 180 tag=8321234356']);
    expect(tx.state).toBe('proceeding');
  });

  it('RFC 6026: a 2xx moves to Accepted; every 2xx (retransmissions, other forks) goes up until Timer M; no ACK from the transaction', () => {
    const { tx, transport } = start();
    clock.advance(1000);
    tx.receiveResponse(response(tx.request, 180));
    clock.advance(1000);
    tx.receiveResponse(response(tx.request, 200));
    expect(tx.state).toBe('accepted');
    clock.advance(500);
    tx.receiveResponse(response(tx.request, 200));
    tx.receiveResponse(response(tx.request, 200, 'fork-2'));
    tx.receiveResponse(response(tx.request, 486)); // not a 2xx: ignored in Accepted
    clock.advance(31_499);
    expect(tx.state).toBe('accepted');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual([
      '1000 response 180 tag=8321234356',
      '2000 response 200 tag=8321234356',
      '2500 response 200 tag=8321234356',
      '2500 response 200 tag=fork-2',
    ]);
    expect(transport.lines()).toEqual(['0 INVITE sip:bob@biloxi.example.com SIP/2.0', '500 INVITE sip:bob@biloxi.example.com SIP/2.0']);
  });

  it('a 2xx straight from Calling also moves to Accepted and stops Timers A and B', () => {
    const { tx, transport } = start();
    clock.advance(700);
    tx.receiveResponse(response(tx.request, 200));
    clock.advance(31_999);
    expect(tx.state).toBe('accepted');
    expect(transport.timesOf('INVITE')).toEqual([0, 500]);
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['700 response 200 tag=8321234356']);
  });

  it('a 300-699 moves to Completed: ACK sent at once, response passed up once, retransmissions re-ACKed; Timer D ends it at 32 s', () => {
    const { tx, transport } = start();
    clock.advance(800);
    tx.receiveResponse(response(tx.request, 486));
    expect(tx.state).toBe('completed');
    clock.advance(1200);
    tx.receiveResponse(response(tx.request, 486));
    tx.receiveResponse(response(tx.request, 180)); // nothing in Completed but a final response
    expect(transport.lines()).toEqual([
      '0 INVITE sip:bob@biloxi.example.com SIP/2.0',
      '500 INVITE sip:bob@biloxi.example.com SIP/2.0',
      '800 ACK sip:bob@biloxi.example.com SIP/2.0',
      '2000 ACK sip:bob@biloxi.example.com SIP/2.0',
    ]);
    expect(transport.sent[2]?.destination).toBe(BOB);
    expect(user.events).toEqual(['800 response 486 tag=8321234356']);
    clock.advance(30_799);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(clock.pending()).toBe(0);
  });

  it('Timer D is zero over a reliable transport', () => {
    const { tx } = start(true);
    tx.receiveResponse(response(tx.request, 603));
    expect(tx.state).toBe('completed');
    clock.advance(0);
    expect(tx.state).toBe('terminated');
  });

  it('§17.1.1.3: the ACK for a non-2xx has the INVITE top Via (same branch), its Route set, the response To tag and CSeq ACK', () => {
    const transport = new RecordingTransport(clock, false);
    const invite = request({
      via: 'SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;rport',
      route: ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'],
    });
    const tx = new InviteClientTransaction({ clock, transport }, invite, BOB, user);
    tx.start();
    tx.receiveResponse(response(invite, 404, 'b7c9'));
    expect(transport.last()?.toString()).toBe(
      [
        'ACK sip:bob@biloxi.example.com SIP/2.0',
        'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;rport',
        'Max-Forwards: 70',
        'Route: <sip:p1.example.com;lr>',
        'Route: <sip:p2.example.com;lr>',
        'From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl',
        'To: Bob <sip:bob@biloxi.example.com>;tag=b7c9',
        'Call-ID: 3848276298220188511@atlanta.example.com',
        'CSeq: 1 ACK',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  });

  it('a transport error in Calling terminates and reports a 503-like error', async () => {
    const transport = new RecordingTransport(clock, false);
    transport.failure = new Error('ICMP port unreachable');
    const tx = new InviteClientTransaction({ clock, transport }, request(), BOB, user);
    tx.start();
    await settle();
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['0 transport-error 503']);
    clock.advance(40_000);
    expect(transport.sent).toHaveLength(1);
    expect(user.events).toHaveLength(1);
  });

  it('a transport error sending the ACK in Completed terminates and reports it', async () => {
    const { tx, transport } = start();
    transport.failure = new Error('connection reset');
    tx.receiveResponse(response(tx.request, 500));
    await settle();
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['0 response 500 tag=8321234356', '0 transport-error 503']);
  });

  it('Terminated ignores everything', () => {
    const { tx, transport } = start();
    clock.advance(32_000);
    tx.receiveResponse(response(tx.request, 200));
    expect(user.events).toEqual(['32000 timeout B 408']);
    expect(transport.sent).toHaveLength(7);
  });
});
