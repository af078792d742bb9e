import type { LiteSipApi } from '../../../shared/ipc';
import { buildApi } from './build-api';
import { alwaysOpen, type Connection } from './connection';
import { WsCarrier } from './ws-carrier';

declare global {
  interface Window {
    /** Present in the desktop app, put there by the preload. */
    litesip?: LiteSipApi;
  }
}

export interface Client {
  api: LiteSipApi;
  connection: Connection;
}

const TOKEN_KEY = 'litesip.token';
const WS_PATH = '/ws';

/**
 * One client, two carriers: the preload's `window.litesip` in the desktop app, or the web
 * bridge's WebSocket in a browser. Returns undefined when neither is available (a browser
 * opened without the bridge's token).
 */
export function connectClient(win: Window = window): Client | undefined {
  if (win.litesip) return { api: win.litesip, connection: alwaysOpen };
  const token = takeToken(win);
  if (!token) return undefined;
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const carrier = new WsCarrier(`${scheme}//${win.location.host}${WS_PATH}?token=${encodeURIComponent(token)}`);
  return { api: buildApi(carrier), connection: carrier };
}

/** Moves the token out of the address bar (and history) into this tab's session storage. */
function takeToken(win: Window): string | undefined {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}
