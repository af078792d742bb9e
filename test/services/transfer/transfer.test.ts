import { describe, expect, it } from 'vitest';
import { matchReplaces, phaseOf, readReferNotify, REFER_EXPIRES_S, ReferNotifier, type ReplaceableDialog } from '../../../main/services/transfer';
import { VirtualClock } from '../../helpers/virtual-clock';
import { createResponse, type HeaderInit, type SipRequest, type SipResponse } from '../../../main/sip/message';
import { mustParse, sip } from '../../sip/message/helpers';

function notify(headers: string[], body: string): SipRequest {
  return mustParse(
    sip(
      'NOTIFY sip:alice@192.0.2.1 SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK1',
      'Max-Forwards: 70',
      'From: <sip:bob@example.com>;tag=b1',
      'To: <sip:alice@example.com>;tag=a1',
      'Call-ID: c1@192.0.2.1',
      'CSeq: 7 NOTIFY',
      ...headers,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ),
  ) as SipRequest;
}

describe('refer NOTIFYs as the transferor reads them (RFC 3515 §2.4.4–2.4.5)', () => {
  const frag = 'Content-Type: message/sipfrag';
  it('reads progress, success and failure with the subscription state', () => {
    expect(readReferNotify(notify(['Event: refer;id=93', 'Subscription-State: active;expires=60', frag], 'SIP/2.0 100 Trying\r\n'))).toEqual({
      ok: true,
      value: { id: 93, status: 100, reason: 'Trying', phase: 'trying', terminated: false },
    });
    expect(readReferNotify(notify(['Event: refer', 'Subscription-State: active', frag], 'SIP/2.0 180 Ringing\r\n'))).toMatchObject({ ok: true, value: { id: undefined, phase: 'ringing' } });
    expect(readReferNotify(notify(['o: refer', 'Subscription-State: terminated;reason=noresource', frag], 'SIP/2.0 200 OK\r\n'))).toMatchObject({ ok: true, value: { phase: 'succeeded', terminated: true } });
    expect(readReferNotify(notify(['Event: refer', 'Subscription-State: terminated', frag], 'SIP/2.0 486 Busy Here\r\n'))).toMatchObject({ ok: true, value: { phase: 'failed', status: 486 } });
  });

  it('counts a subscription that ends without a final answer as a failed transfer', () => {
    expect(readReferNotify(notify(['Event: refer', 'Subscription-State: terminated;reason=timeout', frag], 'SIP/2.0 180 Ringing\r\n'))).toMatchObject({ ok: true, value: { phase: 'failed' } });
  });

  it('answers 489 for another event package, 415 for another body, 400 for a body without a status line', () => {
    expect(readReferNotify(notify(['Event: presence', frag], 'SIP/2.0 200 OK\r\n'))).toMatchObject({ ok: false, status: 489 });
    expect(readReferNotify(notify(['Event: refer', 'Content-Type: text/plain'], 'SIP/2.0 200 OK\r\n'))).toMatchObject({ ok: false, status: 415 });
    expect(readReferNotify(notify(['Event: refer', frag], 'hello'))).toMatchObject({ ok: false, status: 400 });
    expect(readReferNotify(notify(['Event: refer;id=x', frag], 'SIP/2.0 200 OK\r\n'))).toMatchObject({ ok: false, status: 400 });
  });

  it('maps statuses to phases', () => {
    expect([100, 180, 183, 200, 202, 302, 486, 603].map(phaseOf)).toEqual(['trying', 'ringing', 'ringing', 'succeeded', 'succeeded', 'failed', 'failed', 'failed']);
  });
});

describe('ReferNotifier (the transferee side, RFC 3515 §2.4.4)', () => {
  function recorder(status = 200): { sent: { headers: HeaderInit; body: string }[]; send: (init: { headers: HeaderInit; body: { data: string | Buffer } }) => Promise<SipResponse> } {
    const sent: { headers: HeaderInit; body: string }[] = [];
    const request = notify(['Event: refer'], 'SIP/2.0 100 Trying\r\n');
    return {
      sent,
      send: async (init) => {
        sent.push({ headers: init.headers, body: init.body.data.toString() });
        return createResponse(request, status, { toTag: 'x' });
      },
    };
  }

  it('sends each step once, in order, and ends the subscription with the final one', async () => {
    const r = recorder();
    const clock = new VirtualClock();
    const n = new ReferNotifier(r.send, 93, clock);
    void n.report(100, 'Trying');
    void n.report(180, 'Ringing');
    void n.report(180, 'Ringing');
    await n.report(200, 'OK');
    await n.report(486, 'Busy Here');
    expect(n.done).toBe(true);
    expect(r.sent.map((s) => s.body)).toEqual(['SIP/2.0 100 Trying\r\n', 'SIP/2.0 180 Ringing\r\n', 'SIP/2.0 200 OK\r\n']);
    expect(r.sent[0]!.headers).toEqual([
      ['Event', 'refer;id=93'],
      ['Subscription-State', 'active;expires=180'],
    ]);
    expect(r.sent[2]!.headers).toContainEqual(['Subscription-State', 'terminated;reason=noresource']);
    clock.advance(REFER_EXPIRES_S * 1000);
    await Promise.resolve();
    expect(r.sent).toHaveLength(3);
  });

  it('ends the subscription with reason=timeout when the referred call is still unanswered at expiry (RFC 6665 §4.2.2)', async () => {
    const r = recorder();
    const clock = new VirtualClock();
    const n = new ReferNotifier(r.send, 5, clock, 30);
    await n.report(180, 'Ringing');
    clock.advance(29_000);
    expect(n.done).toBe(false);
    clock.advance(1000);
    expect(n.done).toBe(true);
    await n.report(200, 'OK');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(r.sent.map((s) => s.body)).toEqual(['SIP/2.0 180 Ringing\r\n', 'SIP/2.0 180 Ringing\r\n']);
    expect(r.sent[1]!.headers).toContainEqual(['Subscription-State', 'terminated;reason=timeout']);
  });

  it('stops once a NOTIFY is refused (481: the subscription is gone)', async () => {
    const r = recorder(481);
    const n = new ReferNotifier(r.send, 1, new VirtualClock());
    await n.report(100, 'Trying');
    await n.report(180, 'Ringing');
    expect(r.sent).toHaveLength(1);
  });
});

describe('Replaces matching (RFC 3891 §3)', () => {
  const confirmed: ReplaceableDialog = { callId: 'c1', localTag: 'L', remoteTag: 'R', kind: 'confirmed' };
  const ringingHere: ReplaceableDialog = { callId: 'c2', localTag: 'L2', remoteTag: 'R2', kind: 'early-incoming' };
  const dialingOut: ReplaceableDialog = { callId: 'c3', localTag: 'L3', remoteTag: undefined, kind: 'early-outgoing' };
  const dialogs = [confirmed, ringingHere, dialingOut];
  const never = (): boolean => false;
  const r = (callId: string, toTag: string, fromTag: string, earlyOnly = false) => ({ callId, toTag, fromTag, earlyOnly });

  it('takes the dialog whose local tag is the to-tag and remote tag the from-tag', () => {
    expect(matchReplaces(r('c1', 'L', 'R'), dialogs, never)).toEqual({ ok: true, dialog: confirmed });
    expect(matchReplaces(r('c1', 'R', 'L'), dialogs, never)).toMatchObject({ ok: false, status: 481 });
  });

  it('481 for no match, 603 for a dialog that just ended', () => {
    expect(matchReplaces(r('zz', 'L', 'R'), dialogs, never)).toMatchObject({ ok: false, status: 481 });
    expect(matchReplaces(r('zz', 'L', 'R'), dialogs, (c) => c === 'zz')).toMatchObject({ ok: false, status: 603 });
  });

  it('486 for early-only against a confirmed dialog', () => {
    expect(matchReplaces(r('c1', 'L', 'R', true), dialogs, never)).toMatchObject({ ok: false, status: 486 });
  });

  it('481 for an early dialog the peer placed to us; our own early call may be replaced', () => {
    expect(matchReplaces(r('c2', 'L2', 'R2'), dialogs, never)).toMatchObject({ ok: false, status: 481 });
    expect(matchReplaces(r('c3', 'L3', 'anything', true), dialogs, never)).toEqual({ ok: true, dialog: dialingOut });
  });
});
