import type { App } from 'electron';

/**
 * One LiteSIP per user: a second launch hands its command line (e.g. a `sip:` link) to the
 * first and exits. Returns false in the second instance, which should quit.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, onSecondInstance: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}

