import { describe, expect, it } from 'vitest';
import { diversionValue, forwardedFrom, MAX_REDIRECTS, RedirectPlan } from '../../../main/services/forwarding';
import { parseMessage, parseUri, type SipMessage, type SipResponse, type Uri } from '../../../main/sip/message';

function message(lines: string[]): SipMessage {
  const r = parseMessage(Buffer.from([...lines, 'Content-Length: 0', '', ''].join('\r\n')));
  if (!r.ok) throw r.error;
  return r.value;
}

function invite(extra: string[]): SipMessage {
  return message([
    'INVITE sip:carol@192.0.2.3 SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1',
    'From: <sip:alice@192.0.2.1>;tag=a',
    'To: <sip:bob@192.0.2.2>',
    'Call-ID: fwd-1',
    'CSeq: 1 INVITE',
    'Max-Forwards: 70',
    'Contact: <sip:alice@192.0.2.1>',
    ...extra,
  ]);
}

function redirect(contacts: string[], status = 302): SipResponse {
  return message([
    `SIP/2.0 ${status} Moved Temporarily`,
    'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1',
    'From: <sip:alice@192.0.2.1>;tag=a',
    'To: <sip:bob@192.0.2.2>;tag=b',
    'Call-ID: fwd-1',
    'CSeq: 1 INVITE',
    ...contacts.map((c) => `Contact: ${c}`),
  ]) as SipResponse;
}

const uri = (text: string): Uri => {
  const r = parseUri(text);
  if (!r.ok) throw r.error;
  return r.value;
};

describe('Diversion and History-Info (RFC 5806, RFC 7044)', () => {
  it('writes the diverting party, reason and counter', () => {
    expect(diversionValue('sip:bob@192.0.2.2', 'no-answer', 2)).toBe('<sip:bob@192.0.2.2>;reason=no-answer;counter=2');
  });

  it('reads the most recent diverter: the top Diversion, across header lines and commas', () => {
    expect(forwardedFrom(invite(['Diversion: <sip:bob@192.0.2.2>;reason=user-busy;counter=1, <sip:desk@192.0.2.9>;reason=unconditional']))).toBe('sip:bob@192.0.2.2');
    expect(forwardedFrom(invite(['Diversion: "Bob" <sip:bob@192.0.2.2>;reason=no-answer', 'Diversion: <sip:desk@192.0.2.9>']))).toBe('sip:bob@192.0.2.2');
    // A value that does not parse is skipped, not fatal.
    expect(forwardedFrom(invite(['Diversion: <<nonsense', 'Diversion: <sip:desk@192.0.2.9>']))).toBe('sip:desk@192.0.2.9');
  });

  it('falls back to History-Info: the entry before ours by index, without its Reason header', () => {
    const hi = 'History-Info: <sip:carol@192.0.2.3>;index=1.1.1, <sip:bob@192.0.2.2?Reason=SIP%3Bcause%3D302>;index=1.1, <sip:desk@192.0.2.9>;index=1';
    expect(forwardedFrom(invite([hi]))).toBe('sip:bob@192.0.2.2');
    expect(forwardedFrom(invite(['History-Info: <sip:carol@192.0.2.3>;index=1']))).toBeUndefined();
    expect(forwardedFrom(invite([]))).toBeUndefined();
  });
});

describe('following 3xx (RFC 3261 §8.1.3.4)', () => {
  it('takes Contacts by q-value, then in order, skipping non-SIP schemes and headers in the URI', () => {
    const plan = new RedirectPlan(uri('sip:bob@192.0.2.2'));
    const step = plan.next(redirect(['<tel:+15551234>;q=1.0', '<sip:low@192.0.2.5>;q=0.2', '<sip:high@192.0.2.4?Subject=hi>;q=0.9', '<sip:also@192.0.2.6>;q=0.9']));
    expect(step).toMatchObject({ ok: true, target: { user: 'high', host: '192.0.2.4' } });
    expect(step.ok && step.target.headers.size).toBe(0);
    expect(plan.redirects).toBe(1);
  });

  it('refuses a loop back to a target already tried, and a 3xx without a SIP Contact', () => {
    const plan = new RedirectPlan(uri('sip:bob@192.0.2.2'));
    expect(plan.next(redirect(['<sip:carol@192.0.2.3>'])).ok).toBe(true);
    expect(plan.next(redirect(['<sip:bob@192.0.2.2>', '<sip:carol@192.0.2.3>']))).toEqual({ ok: false, reason: 'the redirections went round in a loop' });
    expect(plan.next(redirect(['<mailto:bob@example.com>']))).toMatchObject({ ok: false, reason: expect.stringMatching(/no SIP address/) });
    expect(plan.next(redirect([]))).toMatchObject({ ok: false });
  });

  it(`stops after ${MAX_REDIRECTS} hops`, () => {
    const plan = new RedirectPlan(uri('sip:start@192.0.2.2'));
    for (let i = 0; i < MAX_REDIRECTS; i++) expect(plan.next(redirect([`<sip:hop${i}@192.0.2.10>`])).ok).toBe(true);
    expect(plan.next(redirect(['<sip:one-more@192.0.2.10>']))).toMatchObject({ ok: false, reason: expect.stringMatching(/too many/) });
  });
});
