import { describe, expect, it, vi } from 'vitest';
import { trustOrigins } from '../../main/shell/app-origin';
import { allowPermissionCheck, allowPermissionRequest, installPermissionPolicy } from '../../main/shell/permission-policy';

const trusted = trustOrigins(['app://litesip']);

describe('permission policy', () => {
  it('grants the microphone to our page only', () => {
    expect(allowPermissionRequest('media', ['audio'], 'app://litesip/index.html', trusted)).toBe(true);
    expect(allowPermissionRequest('media', ['audio'], 'https://evil.example/', trusted)).toBe(false);
    expect(allowPermissionRequest('media', ['audio'], 'app://litesip.evil/', trusted)).toBe(false);
  });

  it('refuses the camera, screen capture and every other permission', () => {
    expect(allowPermissionRequest('media', ['video'], 'app://litesip/', trusted)).toBe(false);
    expect(allowPermissionRequest('media', ['audio', 'video'], 'app://litesip/', trusted)).toBe(false);
    expect(allowPermissionRequest('media', [], 'app://litesip/', trusted)).toBe(false);
    expect(allowPermissionRequest('media', undefined, 'app://litesip/', trusted)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'midi']) {
      expect(allowPermissionRequest(p, ['audio'], 'app://litesip/', trusted), p).toBe(false);
    }
    expect(allowPermissionCheck('media', 'audio', 'app://litesip', trusted)).toBe(true);
    expect(allowPermissionCheck('media', 'video', 'app://litesip', trusted)).toBe(false);
    expect(allowPermissionCheck('media', 'audio', 'http://localhost:5173', trusted)).toBe(false);
  });

  it('is installed on the session, with device access refused', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    installPermissionPolicy(session as never, trusted);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (...a: unknown[]) => void;
    const answers: boolean[] = [];
    request({}, 'media', (ok: boolean) => answers.push(ok), { mediaTypes: ['audio'], requestingUrl: 'app://litesip/index.html' });
    request({}, 'media', (ok: boolean) => answers.push(ok), { mediaTypes: ['video'], requestingUrl: 'app://litesip/index.html' });
    request({}, 'geolocation', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://litesip/index.html' });
    expect(answers).toEqual([true, false, false]);
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://litesip', { mediaType: 'audio' })).toBe(true);
    const devices = session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(devices()).toBe(false);
  });
});
