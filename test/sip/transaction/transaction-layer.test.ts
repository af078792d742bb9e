import { beforeEach, describe, expect, it } from 'vitest';
import {
  InviteClientTransaction,
  InviteServerTransaction,
  NonInviteClientTransaction,
  NonInviteServerTransaction,
  TransactionLayer,
} from '../../../main/sip/transaction';
import { VirtualClock } from '../../helpers/virtual-clock';
import { ALICE, BOB, RecordingClientUser, RecordingTransport, RecordingUser, request, response } from './harness';

describe('TransactionLayer (RFC 3261 §17.1.3, §17.2.3, §8.2.2.2, §9.2)', () => {
  let clock: VirtualClock;
  let user: RecordingUser;
  let layer: TransactionLayer;
  let udp: RecordingTransport;

  beforeEach(() => {
    clock = new VirtualClock();
    user = new RecordingUser(clock);
    layer = new TransactionLayer({ user, clock });
    udp = new RecordingTransport(clock, false);
  });

  describe('client side', () => {
    it('makes an INVITE or non-INVITE client transaction and sends the request', () => {
      const client = new RecordingClientUser(clock);
      const invite = layer.sendRequest(request(), udp, BOB, client);
      const options = layer.sendRequest(request({ method: 'OPTIONS', branch: 'z9hG4bKopt' }), udp, BOB, client);
      expect(invite).toBeInstanceOf(InviteClientTransaction);
      expect(options).toBeInstanceOf(NonInviteClientTransaction);
      expect(udp.lines()).toEqual(['0 INVITE sip:bob@biloxi.example.com SIP/2.0', '0 OPTIONS sip:bob@biloxi.example.com SIP/2.0']);
      expect(layer.size).toEqual({ client: 2, server: 0 });
    });

    it('§17.1.3: a response goes to the transaction with its top Via branch and CSeq method; others are discarded', () => {
      const client = new RecordingClientUser(clock);
      const invite = layer.sendRequest(request(), udp, BOB, client);
      const cancelUser = new RecordingClientUser(clock);
      const cancel = request({ method: 'CANCEL' }); // same branch as the INVITE (§9.1)
      layer.sendRequest(cancel, udp, BOB, cancelUser);
      expect(layer.receiveResponse(response(cancel, 200))).toBe(true);
      expect(layer.receiveResponse(response(invite.request, 487))).toBe(true);
      expect(layer.receiveResponse(response(request({ branch: 'z9hG4bKother' }), 200))).toBe(false);
      expect(layer.receiveResponse(response(request({ method: 'BYE' }), 200))).toBe(false);
      expect(cancelUser.events).toEqual(['0 response 200 tag=8321234356']);
      expect(client.events).toEqual(['0 response 487 tag=8321234356']);
    });

    it('forgets a transaction once it terminates; a late response is then discarded', () => {
      const client = new RecordingClientUser(clock);
      const tx = layer.sendRequest(request({ method: 'OPTIONS' }), udp, BOB, client);
      layer.receiveResponse(response(tx.request, 200));
      clock.advance(5000);
      expect(layer.size).toEqual({ client: 0, server: 0 });
      expect(layer.receiveResponse(response(tx.request, 200))).toBe(false);
      expect(client.events).toEqual(['0 response 200 tag=8321234356']);
    });

    it('RFC 6026: 2xx retransmissions reach the TU until Timer M, and are discarded after it', () => {
      const client = new RecordingClientUser(clock);
      const tx = layer.sendRequest(request(), udp, BOB, client);
      layer.receiveResponse(response(tx.request, 200));
      clock.advance(31_999);
      expect(layer.receiveResponse(response(tx.request, 200))).toBe(true);
      clock.advance(1);
      expect(layer.receiveResponse(response(tx.request, 200))).toBe(false);
      expect(client.events).toEqual(['0 response 200 tag=8321234356', '31999 response 200 tag=8321234356']);
    });

    it('reports timeouts and transport errors to the client TU (408-like, 503-like)', async () => {
      const client = new RecordingClientUser(clock);
      layer.sendRequest(request({ method: 'OPTIONS' }), udp, BOB, client);
      const broken = new RecordingTransport(clock, true);
      broken.failure = new Error('ECONNREFUSED');
      layer.sendRequest(request({ branch: 'z9hG4bKtcp' }), broken, BOB, client);
      await new Promise((r) => setImmediate(r));
      clock.advance(32_000);
      expect(client.events).toEqual(['0 transport-error 503', '32000 timeout F 408']);
      expect(layer.size.client).toBe(0);
    });

    it('refuses an ACK, a branch without the magic cookie and a branch already in use', () => {
      const client = new RecordingClientUser(clock);
      expect(() => layer.sendRequest(request({ method: 'ACK' }), udp, BOB, client)).toThrow(TypeError);
      expect(() => layer.sendRequest(request({ branch: '74bf9' }), udp, BOB, client)).toThrow(/z9hG4bK/);
      layer.sendRequest(request(), udp, BOB, client);
      expect(() => layer.sendRequest(request(), udp, BOB, client)).toThrow(/already exists/);
      expect(udp.sent).toHaveLength(1);
    });
  });

  describe('server side', () => {
    it('§17.2.3: a new request makes a server transaction for the TU; a retransmission is absorbed and gets the last response', () => {
      user.answer = (r, tx) => tx.respond(response(r, 200));
      expect(layer.receiveRequest(request({ method: 'OPTIONS' }), udp, ALICE)).toBe('new');
      clock.advance(500);
      expect(layer.receiveRequest(request({ method: 'OPTIONS' }), udp, ALICE)).toBe('matched');
      expect(user.events).toEqual(['0 request OPTIONS']);
      expect(user.requests[0]?.transaction).toBeInstanceOf(NonInviteServerTransaction);
      expect(user.requests[0]?.context).toEqual({ source: ALICE });
      expect(udp.lines()).toEqual(['0 SIP/2.0 200 OK', '500 SIP/2.0 200 OK']);
    });

    it('§17.2.3: the method is part of the match; the same branch and sent-by with another method is another transaction', () => {
      layer.receiveRequest(request({ method: 'INFO', cseq: 5 }), udp, ALICE);
      layer.receiveRequest(request({ method: 'MESSAGE', cseq: 6 }), udp, ALICE);
      expect(user.events).toEqual(['0 request INFO', '0 request MESSAGE']);
      expect(layer.size.server).toBe(2);
    });

    it('§17.2.3: sent-by is part of the match (host compared case-insensitively)', () => {
      layer.receiveRequest(request({ method: 'OPTIONS', sentBy: 'PC33.atlanta.example.com' }), udp, ALICE);
      expect(layer.receiveRequest(request({ method: 'OPTIONS', sentBy: 'pc33.atlanta.example.com' }), udp, ALICE)).toBe('matched');
      expect(layer.receiveRequest(request({ method: 'OPTIONS', sentBy: 'pc33.atlanta.example.com:5070', cseq: 2 }), udp, ALICE)).toBe('new');
      expect(user.events).toEqual(['0 request OPTIONS', '0 request OPTIONS']);
    });

    it('an INVITE makes an INVITE server transaction, which sends 100 Trying at 200 ms', () => {
      layer.receiveRequest(request(), udp, ALICE);
      expect(user.requests[0]?.transaction).toBeInstanceOf(InviteServerTransaction);
      clock.advance(200);
      expect(udp.lines()).toEqual(['200 SIP/2.0 100 Trying']);
    });

    it('§17.2.3: the ACK for a non-2xx matches the INVITE transaction (same branch) and confirms it', () => {
      user.answer = (r, tx) => tx.respond(response(r, 486));
      layer.receiveRequest(request(), udp, ALICE);
      const tx = user.requests[0]!.transaction;
      expect(layer.receiveRequest(request({ method: 'ACK', toTag: '8321234356' }), udp, ALICE)).toBe('matched');
      expect(tx.state).toBe('confirmed');
      expect(user.acks).toEqual([]);
      clock.advance(5000);
      expect(layer.size.server).toBe(0);
    });

    it('RFC 6026: the ACK for a 2xx (new branch) stops 2xx retransmission and reaches the TU', () => {
      user.answer = (r, tx) => tx.respond(response(r, 200));
      layer.receiveRequest(request(), udp, ALICE);
      clock.advance(2000);
      const ack = request({ method: 'ACK', branch: 'z9hG4bKack2xx', toTag: '8321234356' });
      expect(layer.receiveRequest(ack, udp, ALICE)).toBe('ack');
      clock.advance(40_000);
      expect(udp.timesOf('SIP/2.0 200')).toEqual([0, 500, 1500]);
      expect(user.acks).toEqual([ack]);
      expect(user.events).toEqual(['0 request INVITE', '2000 ack']);
    });

    it('an ACK whose To tag is not the 2xx one, or that matches nothing, goes to the TU without touching the transaction', () => {
      user.answer = (r, tx) => tx.respond(response(r, 200));
      layer.receiveRequest(request(), udp, ALICE);
      expect(layer.receiveRequest(request({ method: 'ACK', branch: 'z9hG4bKx', toTag: 'other' }), udp, ALICE)).toBe('ack');
      expect(layer.receiveRequest(request({ method: 'ACK', branch: 'z9hG4bKy', callId: 'stray', toTag: 'a' }), udp, ALICE)).toBe('ack');
      clock.advance(1500);
      expect(udp.timesOf('SIP/2.0 200')).toEqual([0, 500, 1500]); // still retransmitting
      expect(user.acks).toHaveLength(2);
    });

    it('§9.2: a CANCEL gets its own transaction and the INVITE transaction it cancels', () => {
      layer.receiveRequest(request(), udp, ALICE);
      const invite = user.requests[0]!.transaction;
      expect(layer.receiveRequest(request({ method: 'CANCEL' }), udp, ALICE)).toBe('new');
      const cancel = user.requests[1]!;
      expect(cancel.transaction).toBeInstanceOf(NonInviteServerTransaction);
      expect(cancel.transaction).not.toBe(invite);
      expect(cancel.context.cancels).toBe(invite);
      cancel.transaction.respond(response(cancel.request, 200));
      invite.respond(response(invite.request, 487));
      expect(layer.receiveRequest(request({ method: 'CANCEL' }), udp, ALICE)).toBe('matched');
      expect(udp.lines()).toEqual(['0 SIP/2.0 200 OK', '0 SIP/2.0 487 Request Terminated', '0 SIP/2.0 200 OK']);
    });

    it('§9.2: a CANCEL of a non-INVITE request names that transaction too (the TU answers 200, no effect)', () => {
      layer.receiveRequest(request({ method: 'MESSAGE' }), udp, ALICE);
      layer.receiveRequest(request({ method: 'CANCEL', cseqMethod: 'CANCEL' }), udp, ALICE);
      expect(user.requests[1]?.context.cancels).toBe(user.requests[0]?.transaction);
      expect(user.requests[0]?.transaction).toBeInstanceOf(NonInviteServerTransaction);
    });

    it('§9.2: a CANCEL of a merged request the layer answered names nothing', () => {
      layer.receiveRequest(request(), udp, ALICE);
      layer.receiveRequest(request({ branch: 'z9hG4bKmerged', sentBy: 'proxy2.example.com' }), udp, ALICE);
      layer.receiveRequest(request({ method: 'CANCEL', branch: 'z9hG4bKmerged', sentBy: 'proxy2.example.com' }), udp, ALICE);
      expect(user.events).toEqual(['0 request INVITE', '0 request CANCEL']);
      expect(user.requests[1]?.context.cancels).toBeUndefined();
    });

    it.each([{ branch: 'z9hG4bKelse' }, { sentBy: 'elsewhere.example.com' }])('§9.2: a CANCEL with another branch or sent-by cancels nothing (%o)', (other) => {
      layer.receiveRequest(request(), udp, ALICE);
      expect(layer.receiveRequest(request({ method: 'CANCEL', ...other }), udp, ALICE)).toBe('new');
      expect(user.events).toEqual(['0 request INVITE', '0 request CANCEL']);
      expect(user.requests[1]?.context.cancels).toBeUndefined();
    });

    it('§8.2.2.2: same From tag, Call-ID and CSeq with another branch is a merged request: 482 here, not passed up', () => {
      layer.receiveRequest(request(), udp, ALICE);
      const merged = request({ branch: 'z9hG4bKviaOtherProxy', sentBy: 'proxy2.example.com' });
      expect(layer.receiveRequest(merged, udp, ALICE)).toBe('merged');
      expect(user.events).toEqual(['0 request INVITE']);
      const answer = udp.last()!;
      expect(answer.startLine()).toBe('SIP/2.0 482 Loop Detected');
      expect(answer.getHeader('Via')).toBe('SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKviaOtherProxy');
      expect(answer.toTag).toBeDefined();
      clock.advance(1000);
      expect(layer.receiveRequest(request({ branch: 'z9hG4bKviaOtherProxy', sentBy: 'proxy2.example.com' }), udp, ALICE)).toBe('matched');
      const ack = request({ method: 'ACK', branch: 'z9hG4bKviaOtherProxy', sentBy: 'proxy2.example.com', toTag: answer.toTag });
      expect(layer.receiveRequest(ack, udp, ALICE)).toBe('matched');
      clock.advance(40_000);
      // An INVITE server transaction of its own: Timer G until the ACK, no 100 Trying, nothing for the TU.
      expect(udp.lines()).toEqual([
        '0 SIP/2.0 482 Loop Detected',
        '200 SIP/2.0 100 Trying',
        '500 SIP/2.0 482 Loop Detected',
        '1000 SIP/2.0 482 Loop Detected',
      ]);
      expect(user.events).toEqual(['0 request INVITE']);
      expect(user.acks).toEqual([]);
    });

    it('§8.2.2.2: a merged non-INVITE request gets 482 from a non-INVITE server transaction', () => {
      layer.receiveRequest(request({ method: 'MESSAGE' }), udp, ALICE);
      expect(layer.receiveRequest(request({ method: 'MESSAGE', branch: 'z9hG4bKfork2' }), udp, ALICE)).toBe('merged');
      clock.advance(500);
      expect(layer.receiveRequest(request({ method: 'MESSAGE', branch: 'z9hG4bKfork2' }), udp, ALICE)).toBe('matched');
      expect(udp.lines()).toEqual(['0 SIP/2.0 482 Loop Detected', '500 SIP/2.0 482 Loop Detected']);
      expect(user.events).toEqual(['0 request MESSAGE']);
    });

    it('§8.2.2.2: requests with a To tag, another CSeq or another Call-ID are not merged', () => {
      layer.receiveRequest(request(), udp, ALICE);
      expect(layer.receiveRequest(request({ branch: 'z9hG4bK2', cseq: 2 }), udp, ALICE)).toBe('new');
      expect(layer.receiveRequest(request({ branch: 'z9hG4bK3', callId: 'other' }), udp, ALICE)).toBe('new');
      expect(layer.receiveRequest(request({ branch: 'z9hG4bK4', toTag: 'dlg' }), udp, ALICE)).toBe('new');
      expect(user.events).toHaveLength(4);
    });

    it('§8.2.2.2: once the first transaction has terminated, the same request is new again', () => {
      user.answer = (r, tx) => tx.respond(response(r, 200));
      layer.receiveRequest(request({ method: 'OPTIONS' }), udp, ALICE);
      clock.advance(32_000);
      expect(layer.size.server).toBe(0);
      expect(layer.receiveRequest(request({ method: 'OPTIONS', branch: 'z9hG4bKlater' }), udp, ALICE)).toBe('new');
    });

    it('server transaction failures reach the TU (Timer H)', () => {
      user.answer = (r, tx) => tx.respond(response(r, 480));
      layer.receiveRequest(request(), udp, ALICE);
      clock.advance(32_000);
      expect(user.events).toEqual(['0 request INVITE', '32000 timeout H 408']);
      expect(layer.size.server).toBe(0);
    });

    it('a request without a Via cannot be matched and is dropped', () => {
      const bare = request({ method: 'OPTIONS' });
      bare.removeHeader('Via');
      expect(layer.receiveRequest(bare, udp, ALICE)).toBe('invalid');
      expect(user.events).toEqual([]);
    });

    it('dispose stops every timer', () => {
      layer.receiveRequest(request(), udp, ALICE);
      layer.sendRequest(request({ branch: 'z9hG4bKout' }), udp, BOB, new RecordingClientUser(clock));
      layer.dispose();
      expect(clock.pending()).toBe(0);
      expect(layer.size).toEqual({ client: 0, server: 0 });
    });
  });

  describe('RFC 2543 peers (branch without the magic cookie, §17.2.3)', () => {
    const legacyVia = 'SIP/2.0/UDP old.example.com:5060;branch=1234';
    const legacy = (extra: Parameters<typeof request>[0] = {}) => request({ via: legacyVia, ...extra });

    it('a retransmitted INVITE matches on Request-URI, tags, Call-ID, CSeq and top Via', () => {
      user.answer = (r, tx) => tx.respond(response(r, 180));
      expect(layer.receiveRequest(legacy(), udp, ALICE)).toBe('new');
      expect(layer.receiveRequest(legacy(), udp, ALICE)).toBe('matched');
      // Any one field differing means another transaction (here merged: same From tag, Call-ID, CSeq).
      expect(layer.receiveRequest(legacy({ uri: 'sip:carol@biloxi.example.com' }), udp, ALICE)).toBe('merged');
      expect(layer.receiveRequest(legacy({ via: 'SIP/2.0/UDP old.example.com:5060;branch=9999' }), udp, ALICE)).toBe('merged');
      expect(layer.receiveRequest(legacy({ callId: 'another-call' }), udp, ALICE)).toBe('new');
      expect(layer.receiveRequest(legacy({ fromTag: 'another-tag' }), udp, ALICE)).toBe('new');
      expect(udp.lines()).toEqual([
        '0 SIP/2.0 180 Ringing',
        '0 SIP/2.0 180 Ringing',
        '0 SIP/2.0 482 Loop Detected',
        '0 SIP/2.0 482 Loop Detected',
        '0 SIP/2.0 180 Ringing',
        '0 SIP/2.0 180 Ringing',
      ]);
      expect(user.events).toHaveLength(3);
    });

    it('a Via without any branch is matched the same way', () => {
      layer.receiveRequest(legacy({ via: 'SIP/2.0/UDP old.example.com', method: 'OPTIONS' }), udp, ALICE);
      expect(layer.receiveRequest(legacy({ via: 'SIP/2.0/UDP old.example.com', method: 'OPTIONS' }), udp, ALICE)).toBe('matched');
    });

    it('the ACK matches when its To tag is that of the response sent', () => {
      user.answer = (r, tx) => tx.respond(response(r, 486, 'resp-tag'));
      layer.receiveRequest(legacy(), udp, ALICE);
      const tx = user.requests[0]!.transaction;
      expect(layer.receiveRequest(legacy({ method: 'ACK', toTag: 'other-tag' }), udp, ALICE)).toBe('ack');
      expect(tx.state).toBe('completed');
      expect(layer.receiveRequest(legacy({ method: 'ACK', toTag: 'resp-tag' }), udp, ALICE)).toBe('matched');
      expect(tx.state).toBe('confirmed');
    });

    it('a CANCEL finds the INVITE it cancels', () => {
      layer.receiveRequest(legacy(), udp, ALICE);
      layer.receiveRequest(legacy({ method: 'CANCEL' }), udp, ALICE);
      expect(user.requests[1]?.context.cancels).toBe(user.requests[0]?.transaction);
      layer.receiveRequest(legacy({ method: 'CANCEL', uri: 'sip:carol@biloxi.example.com', cseq: 9 }), udp, ALICE);
      expect(user.requests[2]?.context.cancels).toBeUndefined();
    });
  });

  it('reliable and unreliable transports get their own timers in one layer', () => {
    const tcp = new RecordingTransport(clock, true);
    user.answer = (r, tx) => tx.respond(response(r, 404));
    layer.receiveRequest(request({ method: 'OPTIONS' }), tcp, ALICE);
    layer.receiveRequest(request({ method: 'OPTIONS', branch: 'z9hG4bKudp', cseq: 2 }), udp, ALICE);
    clock.advance(0);
    expect(layer.size.server).toBe(1); // Timer J is zero over TCP
    clock.advance(32_000);
    expect(layer.size.server).toBe(0);
  });

  it('uses the configured T1 for every transaction', () => {
    const fast = new TransactionLayer({ user, clock, timers: { t1: 50, t2: 400 } });
    const client = new RecordingClientUser(clock);
    fast.sendRequest(request({ method: 'OPTIONS' }), udp, BOB, client);
    clock.advance(3200);
    expect(udp.timesOf('OPTIONS')).toEqual([0, 50, 150, 350, 750, 1150, 1550, 1950, 2350, 2750, 3150]);
    expect(client.events).toEqual(['3200 timeout F 408']);
  });
});
