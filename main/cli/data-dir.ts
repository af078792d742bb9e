import os from 'node:os';
import path from 'node:path';

/**
 * The same folder Electron uses as `userData` for LiteSIP, so the desktop app and the
 * headless twin share one store unless `--data` says otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'LiteSIP');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'LiteSIP');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'LiteSIP');
}
