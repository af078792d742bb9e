import { beforeEach, describe, expect, it } from 'vitest';
import { NonInviteClientTransaction } from '../../../main/sip/transaction';
import { VirtualClock } from '../../helpers/virtual-clock';
import { BOB, RecordingClientUser, RecordingTransport, request, response, settle } from './harness';

describe('non-INVITE client transaction (RFC 3261 §17.1.2)', () => {
  let clock: VirtualClock;
  let user: RecordingClientUser;

  beforeEach(() => {
    clock = new VirtualClock();
    user = new RecordingClientUser(clock);
  });

  function start(reliable = false): { tx: NonInviteClientTransaction; transport: RecordingTransport } {
    const transport = new RecordingTransport(clock, reliable);
    const tx = new NonInviteClientTransaction({ clock, transport }, request({ method: 'OPTIONS' }), BOB, user);
    tx.start();
    return { tx, transport };
  }

  it('Trying over UDP: Timer E doubles up to T2 (0.5, 1.5, 3.5, 7.5 s, then every 4 s); Timer F times out at 32 s', () => {
    const { tx, transport } = start();
    expect(tx.state).toBe('trying');
    clock.advance(31_999);
    expect(transport.timesOf('OPTIONS')).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(user.events).toEqual([]);
    clock.advance(1);
    expect(user.events).toEqual(['32000 timeout F 408']);
    expect(tx.state).toBe('terminated');
    clock.advance(60_000);
    expect(transport.sent).toHaveLength(11);
    expect(clock.pending()).toBe(0);
  });

  it('over a reliable transport: one send, no Timer E, Timer F at 32 s', () => {
    const { transport } = start(true);
    clock.advance(32_000);
    expect(transport.timesOf('OPTIONS')).toEqual([0]);
    expect(user.events).toEqual(['32000 timeout F 408']);
  });

  it('a 1xx moves to Proceeding; the pending Timer E still fires, then every T2; each 1xx goes up', () => {
    const { tx, transport } = start();
    clock.advance(600);
    tx.receiveResponse(response(tx.request, 100));
    expect(tx.state).toBe('proceeding');
    clock.advance(1000);
    tx.receiveResponse(response(tx.request, 183));
    clock.advance(30_399);
    expect(transport.timesOf('OPTIONS')).toEqual([0, 500, 1500, 5500, 9500, 13500, 17500, 21500, 25500, 29500]);
    expect(user.events).toEqual(['600 response 100', '1600 response 183 tag=8321234356']);
    clock.advance(1);
    expect(user.events).toEqual(['600 response 100', '1600 response 183 tag=8321234356', '32000 timeout F 408']);
  });

  it('a final response moves to Completed: passed up once, retransmissions absorbed, Timer K ends it after T4', () => {
    const { tx, transport } = start();
    clock.advance(700);
    tx.receiveResponse(response(tx.request, 200));
    expect(tx.state).toBe('completed');
    clock.advance(1000);
    tx.receiveResponse(response(tx.request, 200));
    tx.receiveResponse(response(tx.request, 180));
    clock.advance(3999);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['700 response 200 tag=8321234356']);
    expect(transport.timesOf('OPTIONS')).toEqual([0, 500]);
    expect(clock.pending()).toBe(0);
  });

  it('a final response from Proceeding also completes; 4xx-6xx alike', () => {
    const { tx } = start();
    tx.receiveResponse(response(tx.request, 100));
    tx.receiveResponse(response(tx.request, 404));
    expect(tx.state).toBe('completed');
    expect(user.events).toEqual(['0 response 100', '0 response 404 tag=8321234356']);
  });

  it('Timer K is zero over a reliable transport', () => {
    const { tx } = start(true);
    tx.receiveResponse(response(tx.request, 200));
    expect(tx.state).toBe('completed');
    clock.advance(0);
    expect(tx.state).toBe('terminated');
  });

  it('a transport error in Trying terminates and reports a 503-like error once', async () => {
    const transport = new RecordingTransport(clock, false);
    transport.failure = new Error('ECONNREFUSED');
    const tx = new NonInviteClientTransaction({ clock, transport }, request({ method: 'OPTIONS' }), BOB, user);
    tx.start();
    await settle();
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['0 transport-error 503']);
    clock.advance(40_000);
    expect(transport.sent).toHaveLength(1);
  });

  it('a transport failure reported after the transaction terminated is not passed up', async () => {
    const transport = new RecordingTransport(clock, true);
    transport.hold = true;
    const tx = new NonInviteClientTransaction({ clock, transport }, request({ method: 'OPTIONS' }), BOB, user);
    tx.start();
    tx.receiveResponse(response(tx.request, 200));
    clock.advance(0);
    expect(tx.state).toBe('terminated');
    transport.rejectHeld(new Error('connection reset'));
    await settle();
    expect(user.events).toEqual(['0 response 200 tag=8321234356']);
  });

  it('a transport error on a retransmission in Proceeding terminates too', async () => {
    const { tx, transport } = start();
    tx.receiveResponse(response(tx.request, 100));
    transport.failure = new Error('host unreachable');
    clock.advance(500);
    await settle();
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['0 response 100', '500 transport-error 503']);
  });
});
