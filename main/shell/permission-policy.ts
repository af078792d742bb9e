import type { Session } from 'electron';
import type { UrlTrust } from './app-origin';

type MediaType = 'audio' | 'video' | 'unknown';

/** Only the microphone, only for our own page: no camera, no screen, nothing else. */
export function allowPermissionRequest(permission: string, mediaTypes: readonly MediaType[] | undefined, url: string, trusted: UrlTrust): boolean {
  if (permission !== 'media' || !trusted(url)) return false;
  const types = mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

export function allowPermissionCheck(permission: string, mediaType: MediaType | undefined, origin: string, trusted: UrlTrust): boolean {
  return permission === 'media' && mediaType === 'audio' && trusted(origin);
}

export function installPermissionPolicy(session: Session, trusted: UrlTrust): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(allowPermissionRequest(permission, mediaTypes, details.requestingUrl, trusted));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, details.mediaType, requestingOrigin, trusted),
  );
  // USB, HID, serial and Bluetooth devices are never needed.
  session.setDevicePermissionHandler(() => false);
}
