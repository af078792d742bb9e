import { describe, expect, it } from 'vitest';
import { parseUri, type SipRequest, type Uri } from '../../../main/sip/message';
import { formatReferTo, readReferTo } from '../../../main/sip/ua';
import { mustParse, sip } from '../message/helpers';

function uri(text: string): Uri {
  const r = parseUri(text);
  if (!r.ok) throw new Error(r.error.reason);
  return r.value;
}

function refer(...headers: string[]): SipRequest {
  return mustParse(
    sip(
      'REFER sip:bob@192.0.2.2 SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9',
      'Max-Forwards: 70',
      'From: Alice <sip:alice@example.com>;tag=9fxced76sl',
      'To: Bob <sip:bob@example.com>;tag=8321234356',
      'Call-ID: 3848276298220188511@192.0.2.1',
      'CSeq: 93 REFER',
      'Contact: <sip:alice@192.0.2.1>',
      ...headers,
      'Content-Length: 0',
      '',
      '',
    ),
  ) as SipRequest;
}

describe('Refer-To (RFC 3515 §2.1, RFC 3891 §6.1)', () => {
  it('is the bare target for a blind transfer, URI headers dropped', () => {
    expect(formatReferTo(uri('sip:carol@192.0.2.3:5070;transport=tcp?subject=hi'))).toBe('<sip:carol@192.0.2.3:5070;transport=tcp>');
  });

  it('carries Replaces escaped for an attended transfer, and the transferee reads it back', () => {
    const replaces = { callId: 'abc@192.0.2.2', toTag: 't1', fromTag: 'f2', earlyOnly: false };
    const referTo = formatReferTo(uri('sip:carol@192.0.2.3'), replaces);
    expect(referTo).toBe('<sip:carol@192.0.2.3?Replaces=abc%40192.0.2.2%3Bto-tag%3Dt1%3Bfrom-tag%3Df2>');
    const read = readReferTo(refer(`Refer-To: ${referTo}`, 'Referred-By: <sip:bob@example.com>'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.replaces).toEqual(replaces);
    expect(read.value.target.headers.size).toBe(0);
    expect(read.value.referredBy).toBe('<sip:bob@example.com>');
  });

  it('names the REFER sender in Referred-By when the REFER had none (RFC 3892 §3), in compact form too', () => {
    const read = readReferTo(refer('r: <sip:carol@192.0.2.3>'));
    expect(read).toMatchObject({ ok: true, value: { referredBy: '<sip:alice@example.com>' } });
  });

  it('answers 400 for no Refer-To, two, or a bad one; 403 for a scheme it cannot call', () => {
    expect(readReferTo(refer())).toMatchObject({ ok: false, status: 400, reason: 'Missing Refer-To header' });
    expect(readReferTo(refer('Refer-To: <sip:a@b>', 'Refer-To: <sip:c@d>'))).toMatchObject({ ok: false, status: 400 });
    expect(readReferTo(refer('Refer-To: <sip:a@b?Replaces=x%3Bto-tag%3D1>'))).toMatchObject({ ok: false, status: 400 });
    expect(readReferTo(refer('Refer-To: <mailto:carol@example.com>'))).toMatchObject({ ok: false, status: 403 });
    expect(readReferTo(refer('Refer-To: <sip:carol@192.0.2.3;method=BYE>'))).toMatchObject({ ok: false, status: 403 });
    const invite = readReferTo(refer('Refer-To: <sip:carol@192.0.2.3;method=INVITE;transport=tcp>'));
    expect(invite.ok && [...invite.value.target.params.keys()]).toEqual(['transport']);
  });
});
