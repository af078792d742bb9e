import { describe, expect, it } from 'vitest';
import { buildIsComposing, ComposingReceiver, ComposingSender, parseCpim, parseIsComposing, CpimParseError, IsComposingParseError } from '../../main/im';
import { VirtualClock } from '../helpers/virtual-clock';

describe('is-composing (RFC 3994) in virtual time', () => {
  it('sends active once per refresh interval while typing, idle after 15 s without typing', () => {
    const clock = new VirtualClock();
    const sent: string[] = [];
    const sender = new ComposingSender(clock, (peer, state, refresh) => sent.push(`${peer} ${state}${refresh ? ` ${refresh}` : ''}`));
    sender.typing('sip:bob@h');
    clock.advance(5_000);
    sender.typing('sip:bob@h');
    clock.advance(14_000);
    expect(sent).toEqual(['sip:bob@h active 90']);
    clock.advance(1_000);
    expect(sent).toEqual(['sip:bob@h active 90', 'sip:bob@h idle']);
    // Typing for a long time refreshes the active state before the peer's 90 s run out.
    for (let t = 0; t < 100; t++) {
      sender.typing('sip:bob@h');
      clock.advance(1_000);
    }
    expect(sent.filter((s) => s.endsWith('active 90'))).toHaveLength(4);
    // A sent message ends composing without an idle indication.
    sender.messageSent('sip:bob@h');
    clock.advance(60_000);
    expect(sent.at(-1)).toBe('sip:bob@h active 90');
  });

  it('receives active with its refresh as a timeout, and goes idle on idle, a message or the timeout', () => {
    const clock = new VirtualClock();
    const heard: string[] = [];
    const receiver = new ComposingReceiver(clock, (peer, state) => heard.push(`${peer} ${state}`));
    receiver.indication('p', { state: 'active', refresh: 60 });
    receiver.indication('p', { state: 'active', refresh: 60 });
    clock.advance(59_000);
    expect(heard).toEqual(['p active']);
    clock.advance(1_000);
    expect(heard).toEqual(['p active', 'p idle']);
    receiver.indication('p', { state: 'active' });
    clock.advance(119_000);
    receiver.messageArrived('p');
    receiver.messageArrived('p');
    expect(heard).toEqual(['p active', 'p idle', 'p active', 'p idle']);
  });

  it('builds and reads the XML document', () => {
    expect(parseIsComposing(buildIsComposing('active', 90))).toEqual({ state: 'active', refresh: 90, contenttype: 'text/plain' });
    expect(parseIsComposing(buildIsComposing('idle'))).toEqual({ state: 'idle', contenttype: 'text/plain' });
    expect(() => parseIsComposing('<isComposing><state>sleeping</state></isComposing>')).toThrow(IsComposingParseError);
    expect(() => parseIsComposing('<isComposing>')).toThrow(/well-formed/);
  });
});

describe('message/cpim (RFC 3862)', () => {
  it('reads the headers and the encapsulated text', () => {
    const m = parseCpim('From: Alice <im:alice@example.com>\r\nTo: <im:bob@example.com>\r\nDateTime: 2026-01-01T10:00:00Z\r\n\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhi there\r\nsecond line');
    expect(m).toEqual({
      from: 'Alice <im:alice@example.com>',
      to: '<im:bob@example.com>',
      dateTime: '2026-01-01T10:00:00Z',
      contentType: 'text/plain; charset=utf-8',
      body: 'hi there\r\nsecond line',
    });
  });

  it('refuses bodies without the two blank lines or a Content-Type', () => {
    expect(() => parseCpim('From: x')).toThrow(CpimParseError);
    expect(() => parseCpim('From: x\n\nContent-Type: text/plain')).toThrow(/encapsulated/);
    expect(() => parseCpim('From: x\n\nSubject: y\n\nbody')).toThrow(/Content-Type/);
    expect(() => parseCpim('garbage line\n\nContent-Type: text/plain\n\nbody')).toThrow(/colon/);
  });
});
