import { describe, expect, it } from 'vitest';
import type { EngineEvents } from '../../main/engine';
import { TypedEmitter } from '../../main/engine/typed-emitter';
import { forwardEvents } from '../../main/shell/event-forwarder';
import { defaultSettings } from '../../shared/ipc';
import { FakeWebContents } from './fake-electron';

describe('event forwarding', () => {
  it('sends contract events to the live window and stops when asked', () => {
    const events = new TypedEmitter<EngineEvents>();
    const contents = new FakeWebContents();
    const stop = forwardEvents(events as never, () => contents as never);
    events.emit('settings:changed', defaultSettings);
    expect(contents.sent).toEqual([['settings:changed', defaultSettings]]);
    contents.destroyed = true;
    events.emit('settings:changed', defaultSettings);
    expect(contents.sent).toHaveLength(1);
    contents.destroyed = false;
    stop();
    events.emit('settings:changed', defaultSettings);
    expect(contents.sent).toHaveLength(1);
  });

  it('drops names outside the contract and tolerates a missing window', () => {
    const contents = new FakeWebContents();
    let listener: ((name: string, payload: unknown) => void) | undefined;
    forwardEvents({ onAny: (l) => ((listener = l), () => {}) }, () => contents as never);
    listener!('internal:secret', { key: 1 });
    expect(contents.sent).toEqual([]);
    forwardEvents({ onAny: (l) => ((listener = l), () => {}) }, () => undefined);
    expect(() => listener!('app:status', {})).not.toThrow();
  });
});
