import { describe, expect, it } from 'vitest';
import { Communicator } from '../../main/engine';
import { tempDir } from '../helpers/temp-dir';

describe('Communicator.request (the one validating entry for every carrier)', () => {
  it('answers a valid request and refuses bad channels and payloads as values', async () => {
    const engine = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }] });
    await engine.start();
    try {
      const status = await engine.request('app:get-status', undefined);
      expect(status.ok && (status.value as { engine: string }).engine).toBe('running');

      expect(await engine.request('app:nope', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(await engine.request(42, undefined)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await engine.request('settings:update', { theme: 'purple' })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringContaining('theme') },
      });
      expect(await engine.request('settings:update', { evil: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await engine.request('app:get-status', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    } finally {
      await engine.stop();
    }
  });

  it('persists settings in the store and emits settings:changed', async () => {
    const dataDir = tempDir();
    const engine = new Communicator({ dataDir, listen: [] });
    await engine.start();
    const seen: unknown[] = [];
    engine.events.on('settings:changed', (s) => seen.push(s));
    const r = await engine.request('settings:update', { theme: 'dark', displayName: 'Alice' });
    expect(r).toMatchObject({ ok: true, value: { theme: 'dark', displayName: 'Alice', srtpMode: 'best-effort' } });
    expect(seen).toHaveLength(1);
    await engine.stop();

    const again = new Communicator({ dataDir, listen: [] });
    await again.start();
    expect(await again.request('settings:get', undefined)).toMatchObject({ ok: true, value: { theme: 'dark', displayName: 'Alice' } });
    await again.stop();
    expect(await again.request('settings:get', undefined)).toMatchObject({ ok: false, error: { code: 'engine-stopped' } });
  });
});
