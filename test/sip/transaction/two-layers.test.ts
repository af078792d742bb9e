import { beforeEach, describe, expect, it } from 'vitest';
import { createRequest, parseMessage, SipRequest, SipResponse, type SipMessage } from '../../../main/sip/message';
import { TransactionLayer, type Destination, type TransactionTransport } from '../../../main/sip/transaction';
import { VirtualClock } from '../../helpers/virtual-clock';
import { ALICE, BOB, RecordingClientUser, RecordingUser, request, response } from './harness';

const LATENCY = 20;

/** One direction of a link: serializes, drops what `drop` says, and delivers a parsed copy after LATENCY. */
class Wire implements TransactionTransport {
  readonly log: string[] = [];
  drop: (message: SipMessage, index: number) => boolean = () => false;
  private count = 0;

  constructor(
    private readonly clock: VirtualClock,
    readonly reliable: boolean,
    private readonly deliver: (message: SipMessage) => void,
  ) {}

  send(message: SipMessage): Promise<void> {
    const bytes = message.toBuffer();
    const lost = this.drop(message, this.count++);
    this.log.push(`${this.clock.now()} ${message.startLine()}${lost ? ' (lost)' : ''}`);
    if (!lost) {
      this.clock.setTimeout(() => {
        const parsed = parseMessage(bytes);
        if (!parsed.ok) throw new Error(`unparsable on the wire: ${parsed.error.reason}`);
        this.deliver(parsed.value);
      }, LATENCY);
    }
    return Promise.resolve();
  }
}

describe('two transaction layers over a lossy link (virtual time, messages serialized and parsed)', () => {
  let clock: VirtualClock;
  let aliceUser: RecordingUser;
  let bobUser: RecordingUser;
  let alice: TransactionLayer;
  let bob: TransactionLayer;
  let aToB: Wire;
  let bToA: Wire;

  function link(reliable: boolean): void {
    aToB = new Wire(clock, reliable, (m) => (m instanceof SipRequest ? bob.receiveRequest(m, bToA, ALICE) : bob.receiveResponse(m as SipResponse)));
    bToA = new Wire(clock, reliable, (m) => (m instanceof SipRequest ? alice.receiveRequest(m, aToB, BOB) : alice.receiveResponse(m as SipResponse)));
  }

  beforeEach(() => {
    clock = new VirtualClock();
    aliceUser = new RecordingUser(clock);
    bobUser = new RecordingUser(clock);
    alice = new TransactionLayer({ user: aliceUser, clock });
    bob = new TransactionLayer({ user: bobUser, clock });
    link(false);
  });

  it('a lost INVITE is retransmitted; 486 is ACKed by the client transaction and the ACK confirms the server one', () => {
    aToB.drop = (_m, i) => i === 0;
    bobUser.answer = (r, tx) => tx.respond(response(r, 486));
    const caller = new RecordingClientUser(clock);
    alice.sendRequest(request(), aToB, BOB, caller);
    clock.advance(600);
    expect(aToB.log).toEqual(['0 INVITE sip:bob@biloxi.example.com SIP/2.0 (lost)', '500 INVITE sip:bob@biloxi.example.com SIP/2.0', '540 ACK sip:bob@biloxi.example.com SIP/2.0']);
    expect(bToA.log).toEqual(['520 SIP/2.0 486 Busy Here']);
    expect(caller.events).toEqual(['540 response 486 tag=8321234356']);
    expect(bobUser.events).toEqual(['520 request INVITE']);
    expect(bob.size.server).toBe(1);
    clock.advance(5000); // Timer I (T4) after the ACK at 560
    expect(bob.size.server).toBe(0);
    clock.advance(32_000); // Timer D after the 486 at 540
    expect(alice.size.client).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('a lost 200 is retransmitted by the server; the TU ACKs each 2xx; the ACK (new branch) stops the retransmissions', () => {
    bToA.drop = (m, i) => i === 0 && m instanceof SipResponse && m.status === 200;
    bobUser.answer = (r, tx) => tx.respond(response(r, 200));
    const caller = new RecordingClientUser(clock);
    caller.receiveResponse = (r) => {
      caller.events.push(`${clock.now()} response ${r.status}`);
      // RFC 3261 §13.2.2.4: the UAC core ACKs a 2xx itself, in a transaction of its own.
      const ack = createRequest('ACK', 'sip:bob@biloxi.example.com', [
        ['Via', 'SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKack1'],
        ['From', r.getHeader('From') ?? ''],
        ['To', r.getHeader('To') ?? ''],
        ['Call-ID', r.callId],
        ['CSeq', `${r.cseq.seq} ACK`],
      ]);
      void aToB.send(ack);
    };
    alice.sendRequest(request(), aToB, BOB, caller);
    clock.advance(2000);
    expect(bToA.log).toEqual(['20 SIP/2.0 200 OK (lost)', '520 SIP/2.0 200 OK']);
    expect(caller.events).toEqual(['540 response 200']);
    expect(aToB.log).toEqual(['0 INVITE sip:bob@biloxi.example.com SIP/2.0', '500 INVITE sip:bob@biloxi.example.com SIP/2.0', '540 ACK sip:bob@biloxi.example.com SIP/2.0']);
    expect(bobUser.events).toEqual(['20 request INVITE', '560 ack']);
    clock.advance(40_000);
    expect([alice.size, bob.size]).toEqual([
      { client: 0, server: 0 },
      { client: 0, server: 0 },
    ]);
    expect(bobUser.events).toEqual(['20 request INVITE', '560 ack']); // no Timer L complaint: the ACK came
    expect(clock.pending()).toBe(0);
  });

  it('a lost final response to a non-INVITE: the retransmitted request gets it again', () => {
    bToA.drop = (_m, i) => i === 0;
    bobUser.answer = (r, tx) => tx.respond(response(r, 200));
    const client = new RecordingClientUser(clock);
    alice.sendRequest(request({ method: 'MESSAGE' }), aToB, BOB, client);
    clock.advance(1000);
    expect(bToA.log).toEqual(['20 SIP/2.0 200 OK (lost)', '520 SIP/2.0 200 OK']);
    expect(client.events).toEqual(['540 response 200 tag=8321234356']);
    expect(bobUser.events).toEqual(['20 request MESSAGE']);
  });

  it('over a reliable link nothing is retransmitted and both sides end at once after the final response and ACK', () => {
    link(true);
    bobUser.answer = (r, tx) => tx.respond(response(r, 603));
    alice.sendRequest(request(), aToB, BOB, new RecordingClientUser(clock));
    clock.advance(100);
    expect(aToB.log).toEqual(['0 INVITE sip:bob@biloxi.example.com SIP/2.0', '40 ACK sip:bob@biloxi.example.com SIP/2.0']);
    expect(bToA.log).toEqual(['20 SIP/2.0 603 Decline']);
    expect([alice.size, bob.size]).toEqual([
      { client: 0, server: 0 },
      { client: 0, server: 0 },
    ]);
  });

  it('the destination a request came from is where its responses go', () => {
    const seen: Destination[] = [];
    const spy: TransactionTransport = { reliable: false, send: (_m, d) => (seen.push(d), Promise.resolve()) };
    bobUser.answer = (r, tx) => tx.respond(response(r, 200));
    bob.receiveRequest(request({ method: 'OPTIONS' }), spy, ALICE);
    expect(seen).toEqual([ALICE]);
  });
});
