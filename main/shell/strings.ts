import type { EngineState } from '../../shared/ipc';

/** Words the main process shows (tray, dialogs, notifications); the renderer has its own. */
export const shellStrings = {
  productName: 'LiteSIP',
  trayShow: 'Show LiteSIP',
  trayHide: 'Hide LiteSIP',
  trayQuit: 'Quit LiteSIP',
  engineState: {
    starting: 'Starting…',
    running: 'Online',
    stopping: 'Stopping…',
    stopped: 'Offline',
    failed: 'Not working',
  } satisfies Record<EngineState, string>,
  engineFailedTitle: 'LiteSIP stopped working',
  updateReadyTitle: 'Update ready',
  updateReadyMessage: (version: string) => `LiteSIP ${version} has been downloaded.`,
  updateReadyDetail: 'Restart now to use it, or it will be installed the next time LiteSIP quits.',
  updateRestart: 'Restart now',
  updateLater: 'Later',
};
