import { describe, expect, it } from 'vitest';
import { Dialog, DialogError } from '../../../main/sip/dialog';
import type { SipRequest, SipResponse } from '../../../main/sip/message';
import { formatUri, parseMessage } from '../../../main/sip/message';

function msg(text: string): SipRequest | SipResponse {
  const r = parseMessage(Buffer.from(text.replace(/\r?\n/g, '\r\n')));
  if (!r.ok) throw new Error(r.error.reason);
  return r.value as SipRequest | SipResponse;
}

const invite = msg(`INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
Max-Forwards: 70
To: Bob <sip:bob@biloxi.example.com>
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:alice@pc33.atlanta.example.com>
Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>
Content-Length: 0

`) as SipRequest;

const ok200 = msg(`SIP/2.0 200 OK
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:bob@192.0.2.4>
Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>
Content-Length: 0

`) as SipResponse;

describe('Dialog (RFC 3261 §12)', () => {
  it('UAC side: reversed route set, Contact as remote target, CSeq increments (§12.1.2, §12.2.1.1)', () => {
    const d = Dialog.asUac(invite, ok200);
    expect(d.state).toBe('confirmed');
    expect(d.id).toEqual({ callId: 'a84b4c76e66710@pc33.atlanta.example.com', localTag: '1928301774', remoteTag: 'a6c85cf' });
    expect(d.routeSet.map((r) => formatUri(r.uri))).toEqual(['sip:p1.example.com;lr', 'sip:p2.example.com;lr']);
    const bye = d.createRequest('BYE');
    expect(formatUri(bye.uri)).toBe('sip:bob@192.0.2.4');
    expect(bye.getHeaders('Route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(bye.cseq).toEqual({ seq: 314160, method: 'BYE' });
    expect(bye.fromTag).toBe('1928301774');
    expect(bye.toTag).toBe('a6c85cf');
    const ack = d.createRequest('ACK', { cseq: 314159 });
    expect(ack.cseq).toEqual({ seq: 314159, method: 'ACK' });
    expect(d.createRequest('INFO').cseq.seq).toBe(314161);
  });

  it('UAS side: route set in order, remote CSeq checked, lower CSeq refused with 500 (§12.1.1, §12.2.2)', () => {
    const d = Dialog.asUas(invite, 'a6c85cf');
    expect(d.routeSet.map((r) => formatUri(r.uri))).toEqual(['sip:p2.example.com;lr', 'sip:p1.example.com;lr']);
    expect(formatUri(d.remoteTarget)).toBe('sip:alice@pc33.atlanta.example.com');
    expect(d.localUri.params.get('tag')).toBe('a6c85cf');
    const bye = d.createRequest('BYE');
    expect(bye.cseq.seq).toBeGreaterThan(0);
    expect(bye.cseq.seq).toBeLessThan(2 ** 31);
    expect(formatUri(bye.uri)).toBe('sip:alice@pc33.atlanta.example.com');

    const reinvite = msg(invite.toString().replace('CSeq: 314159 INVITE', 'CSeq: 314160 INVITE').replace('<sip:alice@pc33.atlanta.example.com>', '<sip:alice@198.51.100.7:5062>')) as SipRequest;
    d.receiveRequest(reinvite);
    expect(formatUri(d.remoteTarget)).toBe('sip:alice@198.51.100.7:5062');
    const stale = msg(invite.toString()) as SipRequest;
    let error: unknown;
    try {
      d.receiveRequest(stale);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DialogError);
    expect((error as DialogError).status).toBe(500);
  });

  it('strict first route: its URI becomes the Request-URI, the remote target goes last (§12.2.1.1)', () => {
    const strict = msg(ok200.toString().replace('Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>', 'Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com>')) as SipResponse;
    const d = Dialog.asUac(invite, strict);
    const bye = d.createRequest('BYE');
    expect(formatUri(bye.uri)).toBe('sip:p1.example.com');
    expect(bye.getHeaders('Route')).toEqual(['<sip:p2.example.com;lr>', '<sip:bob@192.0.2.4>']);
  });

  it('an early dialog from a 1xx becomes confirmed by the 2xx, taking its route set', () => {
    const ringing = msg(ok200.toString().replace('200 OK', '180 Ringing').replace(/Record-Route: .*\r\n/, '')) as SipResponse;
    const d = Dialog.asUac(invite, ringing);
    expect(d.state).toBe('early');
    expect(d.routeSet).toHaveLength(0);
    d.confirm(ok200);
    expect(d.state).toBe('confirmed');
    expect(d.routeSet).toHaveLength(2);
    d.terminate();
    expect(() => d.createRequest('BYE')).toThrow(DialogError);
  });

  it('refuses to create a dialog without tags or Contact', () => {
    const noTag = msg(ok200.toString().replace(';tag=a6c85cf', '')) as SipResponse;
    expect(() => Dialog.asUac(invite, noTag)).toThrow(DialogError);
    const noContact = msg(invite.toString().replace(/Contact: .*\r\n/, '')) as SipRequest;
    expect(() => Dialog.asUas(noContact, 'x')).toThrow(/Contact/);
  });
});
