import { describe, expect, it, vi } from 'vitest';
import { Communicator } from '../../main/engine';
import { trustOrigins } from '../../main/shell/app-origin';
import { registerIpcHandlers } from '../../main/shell/ipc-handlers';
import { requestsByChannel, type Result } from '../../shared/ipc';
import { tempDir } from '../helpers/temp-dir';

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

function setUp(target: { request: (c: unknown, p: unknown) => Promise<Result<unknown>> }) {
  const handlers = new Map<string, Handler>();
  const ipc = { handle: (c: string, h: Handler) => handlers.set(c, h), removeHandler: (c: string) => handlers.delete(c) };
  const remove = registerIpcHandlers(ipc as never, target, trustOrigins(['app://litesip']));
  return { handlers, remove };
}

const topFrame = { senderFrame: { parent: null, url: 'app://litesip/index.html' } };

describe('IPC handlers', () => {
  it('handles every contract request and removes them again', () => {
    const { handlers, remove } = setUp({ request: vi.fn() });
    expect([...handlers.keys()].sort()).toEqual([...requestsByChannel.keys()].sort());
    remove();
    expect(handlers.size).toBe(0);
  });

  it('passes a request from our top frame to the engine', async () => {
    const request = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    const { handlers } = setUp({ request });
    expect(await handlers.get('settings:update')!(topFrame, { theme: 'dark' })).toEqual({ ok: true, value: 'done' });
    expect(request).toHaveBeenCalledWith('settings:update', { theme: 'dark' });
  });

  it('refuses other origins, subframes and vanished frames without reaching the engine', async () => {
    const request = vi.fn();
    const { handlers } = setUp({ request });
    const call = handlers.get('app:get-status')!;
    const senders = [
      { senderFrame: { parent: null, url: 'https://evil.example/' } },
      { senderFrame: { parent: null, url: 'file:///etc/passwd' } },
      { senderFrame: { parent: {}, url: 'app://litesip/index.html' } },
      { senderFrame: null },
    ];
    for (const sender of senders) {
      const result = await call(sender, undefined);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('forbidden');
    }
    expect(request).not.toHaveBeenCalled();
  });

  it('answers bad payloads with a clear error value from the engine', async () => {
    const engine = new Communicator({ dataDir: tempDir(), listen: [] });
    const { handlers } = setUp(engine);
    const bad = await handlers.get('settings:update')!(topFrame, { theme: 'neon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!bad.ok && bad.error.message).toMatch(/settings:update at theme/);
    const unknownField = await handlers.get('settings:update')!(topFrame, { evil: true });
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const extra = await handlers.get('app:get-status')!(topFrame, undefined, 'more');
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
