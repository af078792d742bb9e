import { describe, expect, it } from 'vitest';
import { decideIncoming, rulesFor, type IncomingFacts } from '../../../main/services/incoming';
import { parseUri, type Uri } from '../../../main/sip/message';
import { defaultDndSettings, defaultForwardingSettings, defaultVoicemailSettings } from '../../../shared/ipc';

function facts(extra: Partial<IncomingFacts> = {}): IncomingFacts {
  return {
    voicemail: { ...defaultVoicemailSettings },
    forwarding: { ...defaultForwardingSettings },
    dnd: { ...defaultDndSettings },
    busy: false,
    voicemailFree: true,
    ...extra,
  };
}

const vm = { ...defaultVoicemailSettings, enabled: true, noAnswerSeconds: 15 };

describe('the endpoint rules for an incoming call', () => {
  it('rings with no rules, and with auto-answer answers after its seconds', () => {
    expect(decideIncoming(facts())).toEqual({ action: 'ring' });
    expect(decideIncoming(facts({ autoAnswerSeconds: 0 }))).toEqual({ action: 'ring', timeout: { after: 0, action: 'answer' } });
  });

  it('forwards unconditionally before anything else, even under DND or when busy', () => {
    const f = facts({ forwarding: { ...defaultForwardingSettings, always: 'sip:carol@192.0.2.3' }, dnd: { enabled: true, action: 'busy' }, busy: true });
    expect(decideIncoming(f)).toEqual({ action: 'forward', target: 'sip:carol@192.0.2.3', reason: 'unconditional' });
  });

  it('DND refuses with 486 or sends to voicemail, falling back to 486 when voicemail cannot take it', () => {
    expect(decideIncoming(facts({ dnd: { enabled: true, action: 'busy' }, voicemail: vm }))).toEqual({ action: 'busy', why: 'dnd' });
    expect(decideIncoming(facts({ dnd: { enabled: true, action: 'voicemail' } }))).toEqual({ action: 'voicemail', why: 'dnd' });
    expect(decideIncoming(facts({ dnd: { enabled: true, action: 'voicemail' }, voicemailFree: false }))).toEqual({ action: 'busy', why: 'dnd' });
  });

  it('at the limit of calls: forward on busy, else voicemail when busy, else 486', () => {
    expect(decideIncoming(facts({ busy: true, forwarding: { ...defaultForwardingSettings, busy: 'sip:desk@192.0.2.9' }, voicemail: vm }))).toEqual({ action: 'forward', target: 'sip:desk@192.0.2.9', reason: 'user-busy' });
    expect(decideIncoming(facts({ busy: true, voicemail: vm }))).toEqual({ action: 'voicemail', why: 'busy' });
    expect(decideIncoming(facts({ busy: true, voicemail: { ...vm, whenBusy: false } }))).toEqual({ action: 'busy', why: 'limit' });
    expect(decideIncoming(facts({ busy: true, voicemail: vm, voicemailFree: false }))).toEqual({ action: 'busy', why: 'limit' });
  });

  it('while ringing the earliest of auto-answer, forward on no answer and voicemail on no answer wins; ties go in that order', () => {
    const noAnswer = { ...defaultForwardingSettings, noAnswer: 'sip:carol@192.0.2.3', noAnswerSeconds: 10 };
    expect(decideIncoming(facts({ forwarding: noAnswer, voicemail: vm }))).toEqual({ action: 'ring', timeout: { after: 10, action: 'forward', target: 'sip:carol@192.0.2.3' } });
    expect(decideIncoming(facts({ forwarding: { ...noAnswer, noAnswerSeconds: 20 }, voicemail: vm }))).toEqual({ action: 'ring', timeout: { after: 15, action: 'voicemail' } });
    expect(decideIncoming(facts({ forwarding: { ...noAnswer, noAnswerSeconds: 15 }, voicemail: vm, autoAnswerSeconds: 15 }))).toEqual({ action: 'ring', timeout: { after: 15, action: 'answer' } });
    expect(decideIncoming(facts({ voicemail: { ...vm, noAnswerSeconds: 0 } }))).toEqual({ action: 'ring' });
  });
});

describe('per-account rules', () => {
  const parse = (text: string): Uri => {
    const r = parseUri(text);
    if (!r.ok) throw r.error;
    return r.value;
  };
  const settings = {
    voicemail: { ...defaultVoicemailSettings },
    forwarding: { ...defaultForwardingSettings },
    dnd: { ...defaultDndSettings },
    accountServices: {
      'sip:alice@example.com': { dnd: { enabled: true, action: 'voicemail' as const } },
      'sip:desk@192.0.2.7:5070': { forwarding: { ...defaultForwardingSettings, always: 'sip:alice@example.com' } },
    },
  };

  it("applies an account's own groups for calls to its AOR and the global ones for the rest", () => {
    expect(rulesFor(settings, parse('sip:alice@EXAMPLE.com;transport=tcp'))).toMatchObject({ account: 'sip:alice@example.com', dnd: { enabled: true }, voicemail: { enabled: false } });
    expect(rulesFor(settings, parse('sip:bob@example.com'))).toEqual({ voicemail: settings.voicemail, forwarding: settings.forwarding, dnd: settings.dnd });
    expect(rulesFor(settings, parse('sip:desk@192.0.2.7:5070')).forwarding.always).toBe('sip:alice@example.com');
    // An AOR with a port matches only that port.
    expect(rulesFor(settings, parse('sip:desk@192.0.2.7')).account).toBeUndefined();
  });
});
