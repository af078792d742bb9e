import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../renderer/src/api/build-api';
import { WsCarrier } from '../../renderer/src/api/ws-carrier';

class FakeSocket extends EventTarget {
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    super();
  }
  send(frame: string): void {
    this.sent.push(frame);
  }
  close(): void {
    this.dispatchEvent(new Event('close'));
  }
  open(): void {
    this.dispatchEvent(new Event('open'));
  }
  receive(frame: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }));
  }
}

function setUp() {
  const sockets: FakeSocket[] = [];
  const carrier = new WsCarrier('ws://127.0.0.1:1/ws?token=t', (url) => {
    const s = new FakeSocket(url);
    sockets.push(s);
    return s as unknown as WebSocket;
  });
  return { carrier, sockets, api: buildApi(carrier) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WebSocket carrier', () => {
  it('queues requests until open, then matches answers by id', async () => {
    const { sockets, api, carrier } = setUp();
    const pending = api.settings.update({ theme: 'dark' });
    expect(carrier.state).toBe('connecting');
    sockets[0]!.open();
    expect(sockets[0]!.sent.map((f) => JSON.parse(f))).toEqual([{ id: 1, channel: 'settings:update', payload: { theme: 'dark' } }]);
    sockets[0]!.receive({ id: 1, result: { ok: true, value: 'saved' } });
    expect(await pending).toEqual({ ok: true, value: 'saved' });
  });

  it('delivers pushed events to subscribers of that channel only, and ignores junk', () => {
    const { sockets, api } = setUp();
    sockets[0]!.open();
    const status = vi.fn();
    const settings = vi.fn();
    const off = api.on('app:status', status);
    api.on('settings:changed', settings);
    sockets[0]!.receive('not json');
    sockets[0]!.receive({ event: 'app:status', payload: { engine: 'running' } });
    off();
    sockets[0]!.receive({ event: 'app:status', payload: { engine: 'stopped' } });
    expect(status.mock.calls).toEqual([[{ engine: 'running' }]]);
    expect(settings).not.toHaveBeenCalled();
  });

  it('answers pending and new requests with an error value when the link drops, then reconnects', async () => {
    vi.useFakeTimers();
    const { sockets, api, carrier } = setUp();
    const states: string[] = [];
    carrier.onChange((s) => states.push(s));
    sockets[0]!.open();
    const pending = api.app.getStatus();
    sockets[0]!.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(await api.app.getStatus()).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(states).toEqual(['open', 'closed', 'connecting', 'open']);
  });
});
